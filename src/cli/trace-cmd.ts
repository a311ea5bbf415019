import { loadTopologySource } from './load-input.js';
import { formatDiagnostic } from '../load/diagnostics.js';
import { trace, FlowError, type FlowSpec } from '../trace/trace.js';
import { FlowLogFormatError } from '../trace/flowlogs.js';
import { renderTraceText, traceJson } from '../render/trace-text.js';
import { EXIT, UsageError } from './exit.js';

function int(v: unknown, name: string): number | undefined {
  if (v === undefined) return undefined;
  const s = String(v);
  if (!/^-?\d+$/.test(s)) throw new UsageError(`${name} must be an integer, got '${s}'`);
  return Number(s);
}

export async function runTrace(file: string, opts: Record<string, unknown>): Promise<number> {
  const bound = await loadTopologySource(file);
  if (!bound.topology) {
    const errs = bound.diagnostics.filter((d) => d.severity === 'error');
    for (const d of errs.slice(0, 20)) process.stderr.write(`${formatDiagnostic(d)}\n`);
    if (errs.length > 20) process.stderr.write(`… and ${errs.length - 20} more (run vpcsim validate ${file})\n`);
    return EXIT.USAGE;
  }
  if (opts.batch !== undefined) {
    const { runBatch } = await import('./batch-cmd.js');
    return runBatch(bound.topology, String(opts.batch), opts);
  }
  if (typeof opts.from !== 'string' || typeof opts.to !== 'string') throw new UsageError('trace needs --from <endpoint> and --to <endpoint>');
  const spec: FlowSpec = {
    from: opts.from,
    to: opts.to,
    protocol: typeof opts.protocol === 'string' ? opts.protocol : 'tcp',
    port: int(opts.port, '--port'),
    srcPort: int(opts.srcPort, '--src-port'),
    icmpType: int(opts.icmpType, '--icmp-type'),
    icmpCode: int(opts.icmpCode, '--icmp-code'),
    return: opts.return !== false,
    ipv6: opts.ipv6 === true,
    flowLogFormat: typeof opts.flowLogFormat === 'string' ? opts.flowLogFormat : undefined,
    time: int(opts.time, '--time'),
  };
  let result;
  try {
    result = trace(bound.topology, spec);
  } catch (e) {
    if (e instanceof FlowError || e instanceof FlowLogFormatError) throw new UsageError(e.message);
    throw e;
  }
  if (opts.json) process.stdout.write(`${JSON.stringify(traceJson(result), null, 2)}\n`);
  else process.stdout.write(renderTraceText(result, { flowLogs: opts.flowLogs === true || spec.flowLogFormat !== undefined }));
  return result.verdict === 'ACCEPT' ? EXIT.OK : EXIT.FAIL;
}
