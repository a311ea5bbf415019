import type { Command } from 'commander';
import type { SetExit } from './command-types.js';
import { EXIT, UsageError } from './exit.js';
import { REACH_FLAGS, withInputOptions } from './input-flags.js';
import { writeJson } from './write-json.js';

export function registerReach(program: Command, setExit: SetExit): void {
  const command = program
    .command('reach')
    .description('every flow that succeeds (both ways) to or from an endpoint, exactly, merged into rows')
    .argument('<topology>', 'topology file (.yaml/.json) or a folder of aws ec2 describe-* output')
    .option('--to <endpoint>', 'instance/interface/NAT gateway/endpoint id, subnet:ID, sg:ID, IP or CIDR, internet, on-premises, any')
    .option('--from <endpoint>', 'same kinds as --to (default any)')
    .option('--protocol <p>', 'tcp | udp | icmp | icmpv6 | all | <number>', 'all')
    .option('--ports <ranges>', 'destination ports, e.g. 22 or 80,443 or 1024-65535', '0-65535')
    .option('--src-ports <ranges>', 'source ports', '1024-65535')
    .option('--scope <file>', 'a Network Access Analyzer scope (create-network-insights-access-scope JSON); exit 1 on findings')
    .option('--json', 'print the result as JSON')
    .option('--format <fmt>', "text | json | html (the topology picture with each row's path drawn)", 'text')
    .option('--output <file>', 'with --format html: write the report to a file instead of stdout');
  withInputOptions(command).action(async (topology: string, opts: Record<string, unknown>) => {
    setExit(await runReach(topology, opts));
  });
}

/** --format text|json|html (--json is --format json); --output only with html. */
export function reportFormat(opts: Record<string, unknown>): 'text' | 'json' | 'html' {
  const f = String(opts.format ?? 'text');
  if (f !== 'text' && f !== 'json' && f !== 'html') throw new UsageError(`--format must be text, json or html, got '${f}'`);
  if (opts.json && f === 'html') throw new UsageError('--json and --format html ask for two different outputs; give one');
  if (opts.output !== undefined && f !== 'html') throw new UsageError('--output goes with --format html');
  return opts.json ? 'json' : f;
}

async function runReach(file: string, opts: Record<string, unknown>): Promise<number> {
  const format = reportFormat(opts);
  if (opts.scope !== undefined) {
    if (format === 'html') throw new UsageError('--format html draws --to/--from answers; with --scope use text or --json');
    return runScopeFile(file, String(opts.scope), opts);
  }
  if (opts.to === undefined && opts.from === undefined) throw new UsageError('reach needs --to <endpoint> or --from <endpoint> (or both)');
  const { inputOptions, loadTopologySource, printLoadErrors } = await import('./load-input.js');
  const { reach, reachJson, ReachInputError } = await import('../reach/reach.js');
  const { renderReachText } = await import('../render/reach-text.js');
  const bound = await loadTopologySource(file, inputOptions(opts));
  if (!bound.topology) {
    printLoadErrors(bound, file);
    return EXIT.USAGE;
  }
  let result;
  try {
    result = reach(bound.topology, {
      from: opts.from as string | undefined,
      to: opts.to as string | undefined,
      protocol: String(opts.protocol),
      ports: String(opts.ports),
      srcPorts: String(opts.srcPorts),
    });
  } catch (e) {
    if (e instanceof ReachInputError) throw new UsageError(e.describe(REACH_FLAGS));
    throw e;
  }
  if (format === 'html') {
    const [{ renderReachHtml }, { write }] = await Promise.all([import('../render/reach-html.js'), import('./diagram-cmd.js')]);
    write(opts.output as string | undefined, await renderReachHtml(bound.topology, result));
    return EXIT.OK;
  }
  if (format === 'json') writeJson(reachJson(result));
  else process.stdout.write(renderReachText(result));
  return EXIT.OK;
}

async function runScopeFile(file: string, scopeFile: string, opts: Record<string, unknown>): Promise<number> {
  if (opts.to !== undefined || opts.from !== undefined) throw new UsageError('--scope gives the paths itself; leave out --to and --from');
  const { readFileSync } = await import('node:fs');
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(scopeFile, 'utf8'));
  } catch (e) {
    throw new UsageError(`${scopeFile}: ${(e as Error).message.replace(/^.*?(Unexpected|Expected)/, '$1')}`);
  }
  const { inputOptions, loadTopologySource, printLoadErrors } = await import('./load-input.js');
  const { runScope, ScopeError } = await import('../reach/scope.js');
  const { rowsTable } = await import('../render/reach-text.js');
  const bound = await loadTopologySource(file, inputOptions(opts));
  if (!bound.topology) {
    printLoadErrors(bound, file);
    return EXIT.USAGE;
  }
  let r;
  try {
    r = runScope(bound.topology, json);
  } catch (e) {
    if (e instanceof ScopeError) throw new UsageError(`${scopeFile}: ${e.message}`);
    throw e;
  }
  if (opts.json || opts.format === 'json') writeJson({ findings: r.findings });
  else
    process.stdout.write(
      r.findings.length ? `${rowsTable(r.findings.map((f) => f.row))}\n${r.findings.length} finding${r.findings.length === 1 ? '' : 's'}\n` : 'no findings\n',
    );
  return r.findings.length ? EXIT.FAIL : EXIT.OK;
}
