// The command-line options that set each input the library's input errors name. The library says
// "destination ports"; the CLI says `--ports`, the way its users typed it (the FLOW_FLAGS pattern of trace).
import type { Command } from 'commander';
import type { CidrFieldNames } from '../cidr/parse.js';
import type { ReachFieldNames } from '../reach/sides.js';

/** `vpcsim reach` and `vpcsim diff`; a scope is a file, so its errors keep the word. */
export const REACH_FLAGS: ReachFieldNames = { from: '--from', to: '--to', protocol: '--protocol', ports: '--ports', srcPorts: '--src-ports', scope: 'scope' };

/** `vpcsim cidr split | plan | free`. */
export const CIDR_FLAGS: CidrFieldNames = { sizes: '--sizes', tiers: '--tiers', azs: '--azs', prefix: '--prefix', count: '--count', used: '--used' };

/** --region and --input-format: how a command reads its <topology> (checked by load-input.ts's inputOptions). */
export function withInputOptions(c: Command): Command {
  return c
    .option('--region <name>', 'the region to read from a dump folder that holds several')
    .option('--input-format <fmt>', 'yaml | json: the format of a topology read from standard input (-); default: from its first character');
}
