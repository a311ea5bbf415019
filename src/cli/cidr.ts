// `vpcsim cidr`: CIDR and AWS reserved-address calculator, one file per subcommand in src/cli/commands/cidr/.
// Only commander types at the top level; the calculator, renderer and exit codes load inside the actions.
import type { Command } from 'commander';
import type { SetExit } from './command-types.js';
import { registerCidrInfo } from './commands/cidr/info.js';
import { registerCidrSplit } from './commands/cidr/split.js';
import { registerCidrPlan } from './commands/cidr/plan.js';
import { registerCidrContains } from './commands/cidr/contains.js';
import { registerCidrOverlap } from './commands/cidr/overlap.js';
import { registerCidrFree } from './commands/cidr/free.js';
import { registerCidrSummarize } from './commands/cidr/summarize.js';

export function registerCidr(program: Command, setExit: SetExit): void {
  const cidr = registerCidrInfo(program);
  registerCidrSplit(cidr);
  registerCidrPlan(cidr);
  registerCidrContains(cidr, setExit);
  registerCidrOverlap(cidr, setExit);
  registerCidrFree(cidr);
  registerCidrSummarize(cidr);
}
