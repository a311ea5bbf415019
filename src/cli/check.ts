import type { Command } from 'commander';
import type { SetExit } from './command-types.js';
import { withInputOptions } from './input-flags.js';

const collect = (v: string, prev: string[] = []) => [...prev, v];

const EXAMPLES = `
Examples:
  vpcsim check scenarios/
  vpcsim check 'network/**/*.yaml' --exclude 'network/legacy/**' --format sarif --output vpcsim.sarif
  vpcsim check tests/fixtures/aws/hybrid-cloud --region us-east-2 --rules sg-open-admin,VPC013
  vpcsim check --list-rules --json

Inputs: a file; a folder's own .yaml, .yml and .json files (subfolders are not searched: write 'folder/**'
for every level); a folder of aws ec2 describe-* output; a glob (*, ?, **, {a,b}, [ab]). Globs skip
node_modules and dot-folders. Settings are read from the nearest .vpcsim.yaml (see docs/config.md).
Suppress a finding in YAML with a comment on the line above it:
  # vpcsim-disable-next-line VPC004 isolation of dev from prod is intended
Exit status: 0 no finding at or above --fail-on, 1 findings or failed assertions, 2 bad input.`;

export function registerCheck(program: Command, setExit: SetExit): void {
  withInputOptions(
    program
      .command('check')
      .description('CI gate: validate topology files, run the lint rules and the reachability assertions')
      .argument('[inputs...]', 'topology files, folders (their own files; folder/** for every level), aws describe-* dump folders, or globs')
      .option('--format <fmt>', 'text | json | sarif | junit | github | html (default: text, or format: in the config)')
      .option('--output <file>', 'write the report to a file instead of stdout')
      .option('--fail-on <severity>', 'error | warning | info: the lowest severity that fails the check (default error)')
      .option('--rules <ids>', 'run only these rules (comma-separated ids or names)')
      .option('--skip <ids>', 'skip these rules (comma-separated ids or names)')
      .option('--exclude <glob>', 'leave out files matching the glob (repeatable)', collect)
      .option('--assertions <file>', 'a YAML/JSON file of assertions to run against every topology'),
  )
    .option('--config <file>', 'read settings from this file instead of the nearest .vpcsim.yaml')
    .option('--no-config', 'ignore .vpcsim.yaml files')
    .option('--list-rules', 'list the rules: id, name, severity, on/off, description')
    .option('--json', 'with --list-rules: print JSON')
    .option('--verbose', 'text: show suppressed findings too')
    .addHelpText('after', EXAMPLES)
    .action(async (inputs: string[], opts: Record<string, unknown>) => {
      const { runCheck } = await import('./commands/check.js');
      setExit(await runCheck(inputs, opts));
    });
}
