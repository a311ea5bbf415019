// diagram: a picture of a topology as Mermaid, DOT, SVG or a self-contained HTML report.
import type { Command } from 'commander';
import type { SetExit } from './command-types.js';
import { withInputOptions } from './input-flags.js';

export function registerDiagram(program: Command, setExit: SetExit): void {
  const command = program
    .command('diagram')
    .description('draw a topology: VPCs, zones, subnets, gateways, route tables and their routes')
    .argument('<topology>', 'topology file (.yaml/.json) or a folder of aws ec2 describe-* output')
    .option('--format <fmt>', 'mermaid | dot | svg | html (default: from the --output extension, else mermaid)')
    .option('-o, --output <file>', 'write to a file instead of standard output')
    .option(
      '--instances <mode>',
      'auto | all | count | none: instances drawn one by one, counted per subnet, or left out (auto: counted past 6 in a subnet)',
      'auto',
    )
    .option('--vpc <ids>', 'only these VPCs (comma-separated) and what they connect to')
    .option('--focus <id>', 'only this resource, what it holds, and its neighbours')
    .option('--depth <n>', 'with --focus: how many steps of neighbours (default 1)')
    .option('--json', 'print the diagram graph (elements and edges) as JSON');
  withInputOptions(command).action(async (topology: string, opts: Record<string, unknown>) => {
    const { runDiagram } = await import('./diagram-cmd.js');
    setExit(await runDiagram(topology, opts));
  });
}
