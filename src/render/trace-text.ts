// Human output of a trace: numbered hops, forward then return, the rule that decided with file:line, the verdict;
// names beside ids, lines wrapped at the width with a hanging indent (src/render/wrap.ts).
import type { Hop, PathResult, TraceResult } from '../trace/types.js';
import { hopDetail, hopFix } from './trace-detail.js';
import { explanationText } from './trace-explanation.js';
import { citationText } from '../load/cite.js';
import { c } from './color.js';
import { printable as printableText } from './printable.js';
import { DEFAULT_WIDTH, type Word, words, wrapWords } from './wrap.js';
import { loadBalancerLine } from './trace-load-balancer.js';

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

/** Options of the text rendering. */
export interface TraceTextOptions {
  flowLogs?: boolean;
  /** columns to wrap at (default 80); the CLI gives the terminal's width */
  width?: number;
}

/** `id (name)`, the name escaped: it comes from the topology (an imported Name tag). */
function named(id: string, name: string | undefined): string {
  return name === undefined ? id : `${id} (${printableText(name)})`;
}

const INDENT = '        ';

function renderHop(h: Hop, n: number, width: number): string[] {
  const k = c();
  const flow = h.flow === '-' ? '' : ` ${h.flow}`;
  const head: Word[] = [...words(named(h.component, h.name), k.bold), ...words(`(${h.kind}${flow})`, k.dim)];
  const out = wrapWords([...head, ...words(hopDetail(h), undefined, '  ')], width, `${String(n).padStart(3)}. ${decisionText(h)} `, INDENT);
  if (h.rule) {
    const r = h.rule;
    const where =
      r.file && (r.line || r.at) ? words(citationText({ file: r.file, line: r.line ?? 0, col: r.col ?? 0, ...(r.at ? { at: r.at } : {}) }), k.dim, '  ') : [];
    out.push(...wrapWords([...words(r.text), ...where], width, `${INDENT}${k.dim('rule:')} `, `${INDENT}      `));
  }
  return out;
}

function renderPath(title: string, p: PathResult, startIndex: number, width: number): string[] {
  const k = c();
  const out = [k.bold(`${title}: ${p.verdict === 'ACCEPT' ? k.green('ACCEPT') : k.red('REJECT')}`)];
  p.hops.forEach((h, i) => out.push(...renderHop(h, startIndex + i, width)));
  return out;
}

function endpointText(e: TraceResult['from'], addr: string): string {
  return `${named(e.input, e.name)} (${addr})`;
}

export function renderTraceText(r: TraceResult, opts: TraceTextOptions = {}): string {
  const k = c();
  const width = opts.width && opts.width > 0 ? opts.width : DEFAULT_WIDTH;
  const f = r.flow;
  const ports = f.protocol === 'tcp' || f.protocol === 'udp';
  // An IPv6 address with a port is written [addr]:port (RFC 5952 section 6).
  const withPort = (ip: string, port: number) => (ports ? (ip.includes(':') ? `[${ip}]:${port}` : `${ip}:${port}`) : ip);
  const icmp = f.icmpType !== undefined ? ` type ${f.icmpType} code ${f.icmpCode}` : '';
  const lines: string[] = [];
  const flow = `${f.protocol}${icmp} ${endpointText(r.from, withPort(f.srcIp, f.srcPort))} → ${endpointText(r.to, withPort(f.dstIp, f.dstPort))}`;
  lines.push(...wrapWords(words(flow, k.bold), width, k.bold('Flow: '), '      '));
  if (r.loadBalancer) lines.push(...wrapWords(words(loadBalancerLine(r.loadBalancer)), width, k.bold('Load balancer: '), '      '));
  lines.push('');
  lines.push(...renderPath('Forward', r.forward, 1, width));
  if (r.return) {
    lines.push('');
    lines.push(...renderPath('Return', r.return, r.forward.hops.length + 1, width));
  } else if (r.forward.verdict === 'ACCEPT') {
    lines.push('', k.dim('Return: not checked (--no-return)'));
  }
  lines.push('');
  const verdict = r.verdict === 'ACCEPT' ? k.green.bold('ACCEPT') : k.red.bold('REJECT');
  const blocked = r.blockedBy ? [{ text: 'blocked', sep: '  ' }, { text: 'by' }, { text: k.bold(r.blockedBy) }, ...words(`(${r.reason})`)] : [];
  lines.push(...wrapWords([{ text: verdict }, ...blocked], width, 'Verdict: ', '  '));
  const explanation = explanationText(r);
  if (explanation) lines.push(...wrapWords(words(explanation), width, '', ''));
  if (opts.flowLogs && r.flowLogs.length) {
    lines.push('', k.bold('Flow logs:'));
    // records are machine-readable lines: never wrapped
    for (const l of r.flowLogs) lines.push(`  ${l}`);
  }
  return `${lines.map(printable).join('\n')}\n`;
}

/** Text from a topology file (names, descriptions) may hold control characters: show them escaped, never raw. */
function printable(line: string): string {
  // eslint-disable-next-line no-control-regex
  return line.replace(/[\u0000-\u001a\u001c-\u001f\u007f]|\u001b(?!\[[0-9;]*m)/g, (ch) => `\\x${ch.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

/** A hop as JSON: today's fields in their order, the detail written from the step, then the step (docs/trace-json.md). */
function hopJson(h: Hop): Hop {
  return {
    component: h.component,
    name: h.name,
    kind: h.kind,
    direction: h.direction,
    flow: h.flow,
    decision: h.decision,
    detail: hopDetail(h),
    packet: h.packet,
    rule: h.rule,
    reason: h.reason,
    fix: hopFix(h),
    step: h.step,
  };
}

function pathJson(p: PathResult): PathResult {
  return { ...p, hops: p.hops.map(hopJson) };
}

/** The stable JSON shape (docs/trace-json.md). */
export function traceJson(r: TraceResult): object {
  const { events, blocking, ...rest } = r;
  void events;
  void blocking;
  return { ...rest, explanation: explanationText(r), forward: pathJson(rest.forward), return: rest.return ? pathJson(rest.return) : rest.return };
}
