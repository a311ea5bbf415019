// The chalk instance renderers draw with, at the level src/render/color-level.ts decided.
import { Chalk, type ChalkInstance } from 'chalk';
import { colorLevel } from './color-level.js';

export { setColorLevel } from './color-level.js';

let instance: ChalkInstance | undefined;
let builtFor = -1;

/** The configured chalk instance; plain text until the CLI sets a level (src/cli/color.ts). */
export function c(): ChalkInstance {
  const { level, version } = colorLevel();
  if (!instance || builtFor !== version) {
    instance = new Chalk({ level });
    builtFor = version;
  }
  return instance;
}
