// chalk ignores NO_COLOR, so colour is decided here once: --no-color, NO_COLOR (https://no-color.org), or not a TTY.
import { Chalk, type ChalkInstance } from 'chalk';

let instance: ChalkInstance = new Chalk({ level: 0 });

export function configureColor(opts: { color?: boolean; stream?: NodeJS.WriteStream }): void {
  const stream = opts.stream ?? process.stdout;
  const env = process.env;
  let level: 0 | 1 | 2 | 3 = 0;
  if (opts.color === false || (env.NO_COLOR !== undefined && env.NO_COLOR !== '')) level = 0;
  else if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0') level = 1;
  else if (stream.isTTY) level = env.COLORTERM === 'truecolor' ? 3 : 1;
  instance = new Chalk({ level });
}

/** The configured chalk instance; plain text until configureColor says otherwise. */
export function c(): ChalkInstance {
  return instance;
}
