// Markdown form of a diff, for a pull-request comment: a one-line verdict, then tables, summarised so the comment
// stays under GitHub's limit of 65,536 characters per comment body.
import type { DiffResult, DiffRow, EndpointChange } from '../diff/types.js';
import type { ReachRow, RowEnd } from '../reach/types.js';
import { portsText, sideText, verdictLine } from './diff-text.js';

/** GitHub refuses a comment body longer than 65,536 characters; keep a margin for the summary lines. */
export const GITHUB_COMMENT_LIMIT = 65_536;
const BUDGET = GITHUB_COMMENT_LIMIT - 2_000;

function cell(text: string): string {
  return text.replace(/[\\`*_[\]<>|]/g, (ch) => `\\${ch}`).replace(/\r?\n/g, ' ');
}

function endMd(e: RowEnd): string {
  if (e.kind === 'interface')
    return `\`${e.id}\`${e.addresses.length ? ` ${cell(e.addresses.slice(0, 3).join(', '))}${e.addresses.length > 3 ? ` … ${e.addresses.length - 3} more` : ''}` : ''}`;
  const shown = e.cidrs.slice(0, 3).join(' ');
  return `${e.network}: ${cell(shown)}${e.cidrs.length > 3 ? ` … ${e.cidrs.length - 3} more` : ''}`;
}

function diffLine(r: DiffRow): string {
  return `| ${endMd(r.source)} | ${endMd(r.destination)} | ${cell(String(r.protocol))} | ${cell(portsText(r))} | ${cell(sideText(r.before))} | ${cell(sideText(r.after))} |`;
}

function reachLine(r: ReachRow): string {
  return `| ${endMd(r.source)} | ${endMd(r.destination)} | ${cell(String(r.protocol))} | ${cell(portsText(r))} | ${cell(r.path.join(' → '))} |`;
}

/** Adds a table's lines while the budget lasts; the rest is counted, not shown. */
function table(out: string[], used: { n: number }, title: string, head: string, lines: string[]): void {
  if (!lines.length) return;
  const start = [``, `#### ${title}`, ``, head, head.replace(/[^|]+/g, ' --- ')];
  used.n += start.join('\n').length;
  out.push(...start);
  let shown = 0;
  for (const l of lines) {
    if (used.n + l.length + 1 > BUDGET) break;
    out.push(l);
    used.n += l.length + 1;
    shown++;
  }
  if (shown < lines.length) {
    const more = `\n_… ${lines.length - shown} more row${lines.length - shown === 1 ? '' : 's'} not shown (the comment would pass GitHub's size limit); run \`vpcsim diff\` for all of them._`;
    out.push(more);
    used.n += more.length;
  }
}

function endpointLines(es: EndpointChange[]): string[] {
  return es.flatMap((e) => (e.rows.length ? e.rows.map(reachLine) : [`| ${endMd(e.endpoint)} | (nothing succeeds) | | | |`]));
}

export function renderDiffMarkdown(r: DiffResult, names: { before: string; after: string }, failed: boolean): string {
  const internet = r.opened.some((x) => x.source.kind === 'external' && x.source.network === 'internet');
  const icon = failed ? '❌' : internet || r.opened.length ? '⚠️' : '✅';
  const out = [`### vpcsim diff: \`${cell(names.before)}\` → \`${cell(names.after)}\``, '', `${icon} **${cell(verdictLine(r))}**`];
  const used = { n: out.join('\n').length };
  const dHead = '| source | destination | protocol | ports | before | after |';
  table(out, used, `Opened (${r.opened.length})`, dHead, r.opened.map(diffLine));
  table(out, used, `Closed (${r.closed.length})`, dHead, r.closed.map(diffLine));
  const eHead = '| source | destination | protocol | ports | path |';
  table(out, used, `Added endpoints (${r.addedEndpoints.length})`, eHead, endpointLines(r.addedEndpoints));
  table(out, used, `Removed endpoints (${r.removedEndpoints.length})`, eHead, endpointLines(r.removedEndpoints));
  table(out, used, `Undetermined (${r.undetermined.length})`, dHead, r.undetermined.map(diffLine));
  return `${out.join('\n')}\n`;
}
