import type { Command } from 'commander';
import type { SetExit } from './commands.js';
import { EXIT, UsageError } from './exit.js';

export function registerExposure(program: Command, setExit: SetExit): void {
  program
    .command('exposure')
    .description('everything the internet can reach and everything that can reach the internet, per interface (exit 1 on findings)')
    .argument('<topology>', 'topology file (.yaml/.json) or a folder of aws ec2 describe-* output')
    .option('--direction <d>', 'in (from the internet) | out (to the internet) | both', 'both')
    .option('--json', 'print the result as JSON')
    .action(async (topology: string, opts: Record<string, unknown>) => {
      setExit(await runExposure(topology, opts));
    });
}

async function runExposure(file: string, opts: Record<string, unknown>): Promise<number> {
  const dir = String(opts.direction);
  if (dir !== 'in' && dir !== 'out' && dir !== 'both') throw new UsageError(`--direction must be in, out or both, got '${dir}'`);
  const { loadTopologySource, printLoadErrors } = await import('./load-input.js');
  const { exposure } = await import('../reach/exposure.js');
  const { renderExposureText } = await import('../render/reach-exposure.js');
  const bound = await loadTopologySource(file);
  if (!bound.topology) {
    printLoadErrors(bound, file);
    return EXIT.USAGE;
  }
  const r = exposure(bound.topology, dir);
  process.stdout.write(opts.json ? `${JSON.stringify({ direction: dir, findings: r.findings, interfaces: r.interfaces }, null, 2)}\n` : renderExposureText(r));
  return r.findings ? EXIT.FAIL : EXIT.OK;
}
