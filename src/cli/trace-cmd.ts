import { inputOptions, loadTopologySource, printLoadErrors } from './load-input.js';
import { assumptionsOnPath, resolveAlias } from '../import/terraform/assumptions.js';
import { trace, FlowError, type FlowSpec } from '../trace/trace.js';
import { MAX_PORT } from '../net/protocol.js';
import { FLOW_FLAGS } from '../trace/flow-error.js';
import { FlowLogFormatError, withFlowLogs } from '../render/flow-logs.js';
import { renderTraceText, traceJson } from '../render/trace-text.js';
import { EXIT, UsageError } from './exit.js';
import { ENDPOINT_KINDS, idForName } from './names.js';
import { hasPorts, isIcmp, parseProtocol, PROTO } from '../bind/rules.js';

/** Latest --time: 9999-12-31T23:59:59Z, the last second with a four-digit year. */
export const MAX_TIME = 253402300799;

/** An integer flag in [min, max]; errors show the text as typed (never a rounded double). */
function int(v: unknown, name: string, min: number, max: number, what = `${min}-${max}`): number | undefined {
  if (v === undefined) return undefined;
  const s = String(v);
  if (!/^-?\d+$/.test(s.trim())) throw new UsageError(`${name} must be an integer, got '${s}'`);
  // 08080 is refused, not read as 8080: some tools read a leading zero as octal (docs/cli.md).
  if (/^-?0\d/.test(s.trim())) throw new UsageError(`${name} must be written without leading zeros, got '${s}'`);
  const n = Number(s);
  if (!Number.isSafeInteger(n) || n < min || n > max) throw new UsageError(`${name} must be ${what}, got '${s}'`);
  return n;
}

const FLAG: Record<string, string> = {
  from: '--from',
  to: '--to',
  json: '--json',
  flowLogs: '--flow-logs',
  flowLogFormat: '--flow-log-format',
  port: '--port',
  srcPort: '--src-port',
  icmpType: '--icmp-type',
  icmpCode: '--icmp-code',
  time: '--time',
  ipv6: '--ipv6',
  return: '--no-return',
  protocol: '--protocol',
  diagram: '--diagram',
  via: '--via',
  healthCheck: '--health-check',
};

/** Flags that would be ignored are refused: a flag that silently does nothing hides a mistake. */
function checkFlagsApply(opts: Record<string, unknown>): void {
  const given = (k: string) => (k === 'return' ? opts.return === false : opts[k] !== undefined && opts[k] !== false);
  if (opts.batch !== undefined) {
    const extra = Object.keys(FLAG).filter((k) => k !== 'protocol' && given(k));
    // --protocol has a default, so only a different value is known to be typed
    if (opts.protocol !== undefined && opts.protocol !== 'tcp') extra.push('protocol');
    if (extra.length) {
      const list = extra.map((k) => FLAG[k]).join(', ');
      throw new UsageError(
        `${list} ${extra.length === 1 ? 'does' : 'do'} not apply with --batch: each line of the batch file gives from, to, protocol, port and srcPort (output: --format jsonl|csv)`,
      );
    }
    return;
  }
  if (opts.format !== undefined && opts.format !== 'jsonl') throw new UsageError(`--format applies only with --batch; for one trace use --json`);
  if (opts.jobs !== undefined) throw new UsageError('--jobs applies only with --batch');
  if (opts.healthCheck !== undefined) {
    const extra = ['via', 'port', 'srcPort', 'icmpType', 'icmpCode', 'ipv6', 'diagram'].filter(given);
    if (opts.protocol !== undefined && opts.protocol !== 'tcp') extra.push('protocol');
    if (extra.length)
      throw new UsageError(
        `${extra.map((k) => FLAG[k]).join(', ')} ${extra.length === 1 ? 'does' : 'do'} not apply with --health-check: the target group (or Classic load balancer) gives the protocol and port (--from and --to narrow the checks)`,
      );
    return;
  }
  const proto = parseProtocol(typeof opts.protocol === 'string' ? opts.protocol : 'tcp');
  if (!proto.ok) return; // trace() says what is wrong with it
  const named = typeof opts.protocol === 'string' ? opts.protocol : 'tcp';
  if (!hasPorts(proto.value)) {
    const ports = ['port', 'srcPort'].filter(given);
    if (ports.length) {
      const why = isIcmp(proto.value)
        ? `${named} has no ports (use --icmp-type and --icmp-code)`
        : proto.value === PROTO.ALL
          ? 'the all-protocols probe has no ports'
          : `protocol ${named} has no ports`;
      throw new UsageError(`${ports.map((k) => FLAG[k]).join(' and ')} ${ports.length === 1 ? 'applies' : 'apply'} only to --protocol tcp or udp; ${why}`);
    }
  }
  if (!isIcmp(proto.value)) {
    const icmp = ['icmpType', 'icmpCode'].filter(given);
    if (icmp.length)
      throw new UsageError(
        `${icmp.map((k) => FLAG[k]).join(' and ')} ${icmp.length === 1 ? 'applies' : 'apply'} only to --protocol icmp or icmpv6, not ${named}`,
      );
  }
}

export async function runTrace(file: string, opts: Record<string, unknown>): Promise<number> {
  if (typeof opts.protocol === 'string' && /^0\d/.test(opts.protocol.trim()))
    throw new UsageError(`--protocol must be a name or a number without leading zeros, got '${opts.protocol}'`);
  checkFlagsApply(opts);
  const port = int(opts.port, '--port', 0, MAX_PORT);
  const srcPort = int(opts.srcPort, '--src-port', 0, MAX_PORT);
  const icmpType = int(opts.icmpType, '--icmp-type', 0, 255);
  const icmpCode = int(opts.icmpCode, '--icmp-code', 0, 255);
  const time = int(opts.time, '--time', 0, MAX_TIME, `a unix time in seconds from 0 to ${MAX_TIME} (the end of year 9999)`);
  const diagram = typeof opts.diagram === 'string' ? opts.diagram : undefined;
  if (diagram !== undefined && opts.batch === undefined) (await import('./diagram-cmd.js')).diagramFileFormat(diagram);
  if (file === '-' && opts.batch === '-') throw new UsageError('the topology and --batch cannot both be read from standard input');
  const bound = await loadTopologySource(file, inputOptions(opts));
  if (!bound.topology) {
    printLoadErrors(bound, file, 20, opts.json === true);
    return EXIT.USAGE;
  }
  if (opts.batch !== undefined) {
    const { runBatch } = await import('./batch-cmd.js');
    return runBatch(bound.topology, String(opts.batch), opts);
  }
  if (opts.healthCheck !== undefined) return (await import('./health-check-cmd.js')).runHealthCheck(bound.topology, opts);
  if (typeof opts.from !== 'string' || typeof opts.to !== 'string') throw new UsageError('trace needs --from <endpoint> and --to <endpoint>');
  const spec: FlowSpec = {
    // a name, or (for a Terraform plan) an AWS id or Name tag the imported resource answers to
    from: idForName(bound.topology, resolveAlias(bound.topology, opts.from), ENDPOINT_KINDS, '--from'),
    to: idForName(bound.topology, resolveAlias(bound.topology, opts.to), ENDPOINT_KINDS, '--to'),
    protocol: typeof opts.protocol === 'string' ? opts.protocol : 'tcp',
    ...(typeof opts.via === 'string' ? { via: opts.via } : {}),
    port,
    srcPort,
    icmpType,
    icmpCode,
    return: opts.return !== false,
    ipv6: opts.ipv6 === true,
  };
  const flowLogFormat = typeof opts.flowLogFormat === 'string' ? opts.flowLogFormat : undefined;
  let result;
  try {
    result = withFlowLogs(bound.topology, trace(bound.topology, spec), { format: flowLogFormat, time });
  } catch (e) {
    if (e instanceof FlowError) throw new UsageError(e.describe(FLOW_FLAGS), 'INVALID_FLOW');
    if (e instanceof FlowLogFormatError) throw new UsageError(e.message, 'INVALID_FLOW_LOG_FORMAT');
    throw e;
  }
  const flowLogs = opts.flowLogs === true || flowLogFormat !== undefined;
  // text fits the terminal when stdout is one; a file (a diagram's embedded trace) always uses the default width
  const text = renderTraceText(result, { flowLogs, ...(process.stdout.isTTY && process.stdout.columns ? { width: process.stdout.columns } : {}) });
  if (diagram !== undefined) await (await import('./diagram-cmd.js')).writeTraceDiagram(bound.topology, result, diagram, renderTraceText(result, { flowLogs }));
  // Assumptions an imported Terraform plan made about components on the path (values unknown until apply).
  const path = [...result.forward.hops, ...(result.return?.hops ?? [])].map((h) => h.component);
  const assumptions = assumptionsOnPath(bound.topology, path);
  if (opts.json) process.stdout.write(`${JSON.stringify({ ...traceJson(result), ...(assumptions.length ? { assumptions } : {}) }, null, 2)}\n`);
  else {
    process.stdout.write(text);
    if (assumptions.length)
      process.stdout.write(`\nAssumptions (values unknown until apply):\n${assumptions.map((a) => `  ${a.component}: ${a.assumption}\n`).join('')}`);
  }
  return result.verdict === 'ACCEPT' ? EXIT.OK : EXIT.FAIL;
}
