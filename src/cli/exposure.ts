import type { Command } from 'commander';
import type { SetExit } from './command-types.js';
import { EXIT, UsageError } from './exit.js';
import { writeJson } from './write-json.js';
import { withInputOptions } from './input-flags.js';

export function registerExposure(program: Command, setExit: SetExit): void {
  const command = program
    .command('exposure')
    .description('everything the internet can reach and everything that can reach the internet, per interface (exit 1 on findings)')
    .argument('<topology>', 'topology file (.yaml/.json) or a folder of aws ec2 describe-* output')
    .option('--direction <d>', 'in (from the internet) | out (to the internet) | both', 'both')
    .option('--json', 'print the result as JSON')
    .option('--format <fmt>', 'text | json | html (the topology picture with an edge from the internet to each exposed interface)', 'text')
    .option('--output <file>', 'with --format html: write the report to a file instead of stdout');
  withInputOptions(command).action(async (topology: string, opts: Record<string, unknown>) => {
    setExit(await runExposure(topology, opts));
  });
}

async function runExposure(file: string, opts: Record<string, unknown>): Promise<number> {
  const dir = String(opts.direction);
  if (dir !== 'in' && dir !== 'out' && dir !== 'both') throw new UsageError(`--direction must be in, out or both, got '${dir}'`);
  const { reportFormat } = await import('./reach.js');
  const format = reportFormat(opts);
  const { inputOptions, loadTopologySource, printLoadErrors } = await import('./load-input.js');
  const { exposure } = await import('../reach/exposure.js');
  const { exposureTextChunks } = await import('../render/reach-exposure.js');
  const bound = await loadTopologySource(file, inputOptions(opts));
  if (!bound.topology) {
    printLoadErrors(bound, file);
    return EXIT.USAGE;
  }
  const r = exposure(bound.topology, dir);
  if (format === 'html') {
    const [{ renderExposureHtml }, { write }] = await Promise.all([import('../render/reach-html.js'), import('./diagram-cmd.js')]);
    write(opts.output as string | undefined, await renderExposureHtml(bound.topology, r));
  } else if (format === 'json')
    writeJson({ direction: dir, findings: r.findings, interfaces: r.interfaces, ...(r.loadBalancers.length ? { loadBalancers: r.loadBalancers } : {}) });
  else for (const chunk of exposureTextChunks(r)) process.stdout.write(chunk);
  return r.findings ? EXIT.FAIL : EXIT.OK;
}
