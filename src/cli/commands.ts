// One line per command module. A module's top level imports only commander types;
// its implementation is imported inside the action, so startup stays light.
import type { Registration } from './command-types.js';
import { registerCore } from './core.js';
import { registerTrace } from './trace.js';
import { registerGenerate } from './generate.js';
import { registerCidr } from './cidr.js';
import { registerImport } from './import.js';
import { registerCheck } from './check.js';
import { registerShow } from './show.js';
import { registerDiagram } from './diagram.js';
import { registerReach } from './reach.js';
import { registerExposure } from './exposure.js';
import { registerDiff } from './diff.js';

export const registrations: Registration[] = [
  registerCore,
  registerTrace,
  registerGenerate,
  registerCidr,
  registerImport,
  registerShow,
  registerCheck,
  registerDiagram,
  registerReach,
  registerExposure,
  registerDiff,
];
