// Inline suppressions: `# vpcsim-disable-next-line RULEID[,RULEID] reason` covers findings of those rules on the
// next line that is not blank or a comment. The reason is required and reported in json/sarif.
import type { Finding } from './types.js';

const RE = /#\s*vpcsim-disable-next-line\s+([A-Za-z0-9_,-]+)(?:\s+(.*))?$/;

export interface Suppression {
  /** the line the comment is on */
  line: number;
  /** the line it covers */
  target: number;
  rules: string[];
  reason: string;
}

export function scanSuppressions(text: string): Suppression[] {
  const lines = text.split(/\r?\n/);
  const out: Suppression[] = [];
  lines.forEach((l, i) => {
    const m = RE.exec(l);
    if (!m) return;
    let j = i + 1;
    while (j < lines.length && /^\s*(#.*)?$/.test(lines[j]!)) j++;
    out.push({ line: i + 1, target: j + 1, rules: m[1]!.split(',').map((s) => s.trim().toUpperCase()).filter(Boolean), reason: (m[2] ?? '').trim() || 'no reason given' });
  });
  return out;
}

export function applySuppressions(findings: Finding[], sups: Suppression[]): void {
  for (const f of findings) {
    const s = sups.find((s) => s.target === f.line && (s.rules.includes(f.ruleId.toUpperCase()) || s.rules.includes('ALL')));
    if (s) f.suppressed = { reason: s.reason };
  }
}
