// Human output of a trace: numbered hops, forward then return, the rule that decided with file:line, the verdict.
import type { Hop, PathResult, TraceResult } from '../trace/types.js';
import { citationText } from '../load/cite.js';
import { c } from './color.js';

function decisionText(h: Hop): string {
  const k = c();
  const d = h.decision.padEnd(7);
  switch (h.decision) {
    case 'ALLOW':
    case 'DELIVER':
    case 'EXIT':
      return k.green(d);
    case 'DENY':
    case 'DROP':
      return k.red.bold(d);
    case 'NAT':
      return k.magenta(d);
    default:
      return k.cyan(d);
  }
}

function renderPath(title: string, p: PathResult, startIndex: number): string[] {
  const k = c();
  const out = [k.bold(`${title}: ${p.verdict === 'ACCEPT' ? k.green('ACCEPT') : k.red('REJECT')}`)];
  p.hops.forEach((h, i) => {
    const n = String(startIndex + i).padStart(3);
    const flow = h.flow === '-' ? '' : ` ${h.flow}`;
    out.push(`${n}. ${decisionText(h)} ${k.bold(h.component)} ${k.dim(`(${h.kind}${flow})`)}  ${h.detail}`);
    if (h.rule) {
      const r = h.rule;
      const where = r.file && (r.line || r.at) ? k.dim(`  ${citationText({ file: r.file, line: r.line ?? 0, col: r.col ?? 0, ...(r.at ? { at: r.at } : {}) })}`) : '';
      out.push(`        ${k.dim('rule:')} ${h.rule.text}${where}`);
    }
  });
  return out;
}

export function renderTraceText(r: TraceResult, opts: { flowLogs?: boolean } = {}): string {
  const k = c();
  const f = r.flow;
  const ports = f.protocol === 'tcp' || f.protocol === 'udp';
  // An IPv6 address with a port is written [addr]:port (RFC 5952 section 6).
  const withPort = (ip: string, port: number) => (ports ? (ip.includes(':') ? `[${ip}]:${port}` : `${ip}:${port}`) : ip);
  const dst = withPort(f.dstIp, f.dstPort);
  const icmp = f.icmpType !== undefined ? ` type ${f.icmpType} code ${f.icmpCode}` : '';
  const lines: string[] = [];
  lines.push(k.bold(`Flow: ${f.protocol}${icmp} ${r.from.input} (${withPort(f.srcIp, f.srcPort)}) → ${r.to.input} (${dst})`));
  lines.push('');
  lines.push(...renderPath('Forward', r.forward, 1));
  if (r.return) {
    lines.push('');
    lines.push(...renderPath('Return', r.return, r.forward.hops.length + 1));
  } else if (r.forward.verdict === 'ACCEPT') {
    lines.push('', k.dim('Return: not checked (--no-return)'));
  }
  lines.push('');
  const verdict = r.verdict === 'ACCEPT' ? k.green.bold('ACCEPT') : k.red.bold('REJECT');
  lines.push(`Verdict: ${verdict}${r.blockedBy ? `  blocked by ${k.bold(r.blockedBy)} (${r.reason})` : ''}`);
  if (r.explanation) lines.push(r.explanation);
  if (opts.flowLogs && r.flowLogs.length) {
    lines.push('', k.bold('Flow logs:'));
    for (const l of r.flowLogs) lines.push(`  ${l}`);
  }
  return `${lines.map(printable).join('\n')}\n`;
}

/** Text from a topology file (names, descriptions) may hold control characters: show them escaped, never raw. */
function printable(line: string): string {
  // eslint-disable-next-line no-control-regex
  return line.replace(/[\u0000-\u001a\u001c-\u001f\u007f]|\u001b(?!\[[0-9;]*m)/g, (ch) => `\\x${ch.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

/** The stable JSON shape (documented in the README). */
export function traceJson(r: TraceResult): object {
  const { events, ...rest } = r;
  void events;
  return rest;
}
