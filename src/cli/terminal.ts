// The width text output fits: COLUMNS when set (as ls and git read it), else the terminal's when stdout is one,
// else 80 columns (a pipe, a file, CI logs).
// Renderers take it as an option; only src/cli/ reads the process.
import { DEFAULT_WIDTH } from '../render/fit-table.js';

/** Narrower than this, tables would wrap into unreadable slivers; they overflow instead. */
const MIN_WIDTH = 40;

export function outputWidth(): number {
  const env = Number(process.env.COLUMNS);
  if (Number.isInteger(env) && env > 0) return Math.max(MIN_WIDTH, env);
  const { isTTY, columns } = process.stdout;
  if (!isTTY || !columns) return DEFAULT_WIDTH;
  return Math.max(MIN_WIDTH, columns);
}
