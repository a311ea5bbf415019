// chalk ignores NO_COLOR, so the colour level is decided here once: --no-color, NO_COLOR (https://no-color.org), TERM=dumb, or
// not a TTY. This module does not load chalk: the CLI sets the level at start-up, renderers load chalk when they draw.
export type ColorLevel = 0 | 1 | 2 | 3;

let level: ColorLevel = 0;
let version = 0;

export function configureColor(opts: { color?: boolean; stream?: NodeJS.WriteStream }): void {
  const stream = opts.stream ?? process.stdout;
  const env = process.env;
  let next: ColorLevel = 0;
  if (opts.color === false || (env.NO_COLOR !== undefined && env.NO_COLOR !== '')) next = 0;
  else if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0') next = 1;
  // TERM=dumb: a terminal that cannot draw escape sequences (Emacs shell, some CI logs); FORCE_COLOR overrides it, as in chalk
  else if (env.TERM === 'dumb') next = 0;
  else if (stream.isTTY) next = env.COLORTERM === 'truecolor' ? 3 : 1;
  level = next;
  version++;
}

export function colorLevel(): { level: ColorLevel; version: number } {
  return { level, version };
}
