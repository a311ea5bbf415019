import type { Command } from 'commander';
import type { SetExit } from './commands.js';

export function registerCheck(program: Command, setExit: SetExit): void {
  program
    .command('check')
    .description('CI gate: validate topology files, run the lint rules and the reachability assertions')
    .argument('<inputs...>', 'topology files, directories (searched recursively for .yaml/.yml/.json) or globs (*)')
    .option('--format <fmt>', 'text | json | sarif | junit | github', 'text')
    .option('--output <file>', 'write the report to a file instead of stdout')
    .option('--fail-on <severity>', 'error | warning | info: the lowest severity that fails the check', 'error')
    .option('--rules <ids>', 'run only these rules (comma-separated ids)')
    .option('--skip <ids>', 'skip these rules (comma-separated ids)')
    .option('--assertions <file>', 'a YAML/JSON file of assertions to run against every topology')
    .option('--verbose', 'text: show suppressed findings too')
    .action(async (inputs: string[], opts: Record<string, unknown>) => {
      const { runCheck } = await import('../check/run.js');
      setExit(await runCheck(inputs, opts));
    });
}
