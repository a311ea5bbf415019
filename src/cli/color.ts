// chalk ignores NO_COLOR, so the colour level is decided here once, from the process: --no-color, NO_COLOR
// (https://no-color.org), TERM=dumb, or not a TTY. Renderers read the level from src/render/color-level.ts.
import { type ColorLevel, setColorLevel } from '../render/color-level.js';

export function configureColor(opts: { color?: boolean; stream?: NodeJS.WriteStream }): void {
  const stream = opts.stream ?? process.stdout;
  const env = process.env;
  let next: ColorLevel = 0;
  if (opts.color === false || (env.NO_COLOR !== undefined && env.NO_COLOR !== '')) next = 0;
  else if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0') next = 1;
  // TERM=dumb: a terminal that cannot draw escape sequences (Emacs shell, some CI logs); FORCE_COLOR overrides it, as in chalk
  else if (env.TERM === 'dumb') next = 0;
  else if (stream.isTTY) next = env.COLORTERM === 'truecolor' ? 3 : 1;
  setColorLevel(next);
}
