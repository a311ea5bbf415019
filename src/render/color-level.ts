// The colour level renderers draw at. The CLI decides it (src/cli/color.ts: --no-color, NO_COLOR, TERM=dumb, a TTY)
// and sets it here once; this module does not load chalk, renderers load it when they draw.
export type ColorLevel = 0 | 1 | 2 | 3;

let level: ColorLevel = 0;
let version = 0;

export function setColorLevel(next: ColorLevel): void {
  level = next;
  version++;
}

export function colorLevel(): { level: ColorLevel; version: number } {
  return { level, version };
}
