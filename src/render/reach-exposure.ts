// Text form of `vpcsim exposure`: per interface, what the internet reaches and what reaches the internet.
import { c } from './color.js';
import { endText, rangesText } from './reach-text.js';
import type { ExposureResult } from '../reach/exposure.js';
import type { ReachRow } from '../reach/types.js';
import { renderLbExposureText } from './reach-exposure-lb.js';
import { compactTableLines } from './long-table.js';
import { inPieces } from './json-chunks.js';

function ports(r: ReachRow): string {
  if (r.ports) return rangesText(r.ports);
  if (r.icmpTypes) return `type ${rangesText(r.icmpTypes)}`;
  return 'all';
}

export function renderExposureText(r: ExposureResult): string {
  return Array.from(exposureTextChunks(r)).join('');
}

/**
 * renderExposureText() in pieces of about CHUNK characters: a large estate's table is tens of megabytes, which need
 * not be one string.
 */
export function* exposureTextChunks(r: ExposureResult): Generator<string> {
  const lb = renderLbExposureText(r.loadBalancers ?? []);
  if (!r.interfaces.length && lb) {
    yield lb.slice(1);
    return;
  }
  if (!r.interfaces.length) {
    yield `${c().green('no exposure: the internet reaches no interface, and no interface reaches the internet')}\n`;
    return;
  }
  const head = ['interface', 'direction', 'protocol', 'ports', 'peer', 'path'].map((h) => c().bold(h));
  // the cells are made again while drawing, not held: a large estate's table has hundreds of thousands
  const cells = { [Symbol.iterator]: () => exposureCells(r) };
  yield* inPieces(linesOf(compactTableLines(head, cells)));
  const flagged = r.interfaces.filter((i) => i.flagged.length).length;
  const inbound = r.interfaces.filter((i) => i.inbound.length).length;
  const outbound = r.interfaces.filter((i) => i.outbound.length).length;
  yield `${inbound} interface${inbound === 1 ? '' : 's'} reachable from the internet (${flagged} with admin or database ports), ${outbound} reaching the internet\n${lb}`;
}

function* linesOf(lines: Iterable<string>): Generator<string> {
  for (const line of lines) yield `${line}\n`;
}

/** The table's rows, interface by interface: inbound rows first, the interface named on its first row. */
function* exposureCells(r: ExposureResult): Generator<string[]> {
  for (const i of r.interfaces) {
    const flag = i.flagged.length ? `\n${c().red(`! ${i.flagged.map((f) => `${f.port} ${f.service} (${f.kind})`).join(', ')}`)}` : '';
    let first = true;
    for (const [dir, rows] of [
      ['from internet', i.inbound],
      ['to internet', i.outbound],
    ] as const) {
      for (const row of rows) {
        const peer = dir === 'from internet' ? row.source : row.destination;
        yield [
          first ? `${i.id}${i.addresses.length ? ` (${i.addresses.join(', ')})` : ''}${flag}` : '',
          dir,
          String(row.protocol),
          ports(row),
          endText(peer),
          row.path.join(' → '),
        ];
        first = false;
      }
    }
  }
}
