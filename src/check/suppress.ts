// Inline suppressions: a YAML comment `# vpcsim-disable-next-line RULE[,RULE] reason` covers findings of those
// rules on the next line that holds YAML content. Only real comments count: they are read from the comment tokens
// of the `yaml` library's lexer, so a string value (`description: "# vpcsim-disable-next-line …"`) or a block
// scalar can never suppress anything. JSON has no comments; JSON files are suppressed from the config file
// (`suppressions:` in .vpcsim.yaml, see docs/config.md).
// Each suppression names rules (ids or names, never a wildcard) and gives a reason; a malformed one is itself a
// finding (SUPPRESSION_INVALID), and so is one that covers nothing (SUPPRESSION_UNUSED), so stale ones show up.
import { Lexer, LineCounter } from 'yaml';
import type { Finding, Severity } from './types.js';

export const SUPPRESSION_INVALID = 'SUPPRESSION_INVALID';
export const SUPPRESSION_UNUSED = 'SUPPRESSION_UNUSED';

export interface Suppression {
  file: string;
  /** where the comment (or config entry) is */
  line: number;
  col: number;
  /** the line it covers; undefined for a config entry that covers the whole file */
  target?: number;
  /** rule ids, upper case */
  rules: string[];
  reason: string;
  /** the config file, for entries from `.vpcsim.yaml` */
  from?: string;
  used?: boolean;
}

/** Resolves a rule id or name to the id findings carry; undefined when it names no rule. */
export type RuleResolver = (idOrName: string) => string | undefined;

const DIRECTIVE = /^#\s*(vpcsim-disable[\w-]*)(.*)$/;
const KNOWN = 'vpcsim-disable-next-line';

/** Lexer tokens that mark structure and take no characters of the source. */
const ZERO_WIDTH = new Set(['\u0002', '\u0018', '\u001f']);

interface Comment {
  offset: number;
  text: string;
  /** offset of the next token that is YAML content, or -1 at the end */
  next: number;
}

/** The comments of a YAML text, with the offset of the content that follows each one. */
function yamlComments(text: string): Comment[] {
  const out: Comment[] = [];
  const pending: Comment[] = [];
  let offset = 0;
  let afterScalarMark = false;
  for (const tok of new Lexer().lex(text)) {
    if (ZERO_WIDTH.has(tok) && !text.startsWith(tok, offset)) {
      afterScalarMark = tok === '\u001f';
      continue;
    }
    const at = offset;
    offset += tok.length;
    // The token after a scalar mark is the scalar's own text (plain or block), even when it starts with '#'.
    const isScalar = afterScalarMark;
    afterScalarMark = false;
    if (!isScalar && tok.startsWith('#')) {
      const c = { offset: at, text: tok, next: -1 };
      out.push(c);
      pending.push(c);
      continue;
    }
    if (!isScalar && /^[\s\ufeff]*$/.test(tok)) continue;
    for (const c of pending) c.next = at;
    pending.length = 0;
  }
  return out;
}

function invalid(file: string, line: number, col: number, message: string, hint: string): Finding {
  return { file, line, col, ruleId: SUPPRESSION_INVALID, severity: 'error', message, hint };
}

/** Parses one directive's text after the keyword: `RULE[,RULE] reason`. */
function parseDirective(rest: string, resolve: RuleResolver): { rules: string[]; reason: string } | string {
  const m = /^\s+([^\s]+)(?:\s+(.*))?$/.exec(rest);
  if (!m) return 'names no rule';
  const names = m[1]!
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const rules: string[] = [];
  for (const n of names) {
    if (n.toUpperCase() === 'ALL' || n === '*') return `'${n}' is not accepted: name each rule the suppression is for`;
    const id = resolve(n);
    if (!id) return `'${n}' is not a rule id or name`;
    rules.push(id);
  }
  const reason = (m[2] ?? '').trim();
  if (!reason) return 'gives no reason';
  return { rules, reason };
}

/** Suppressions written as YAML comments, and a finding for each malformed one. JSON text has none. */
export function scanSuppressions(text: string, file: string, resolve: RuleResolver): { suppressions: Suppression[]; problems: Finding[] } {
  const suppressions: Suppression[] = [];
  const problems: Finding[] = [];
  if (/^\s*[[{]/.test(text.slice(0, 64)) && /\.json$/i.test(file)) return { suppressions, problems };
  const lines = new LineCounter();
  let offset = 0;
  for (const l of text.split('\n')) {
    lines.addNewLine(offset);
    offset += l.length + 1;
  }
  for (const c of yamlComments(text)) {
    const m = DIRECTIVE.exec(c.text);
    if (!m) continue;
    const pos = lines.linePos(c.offset);
    const usage = `write '# ${KNOWN} RULE-ID a reason' on the line above the finding`;
    if (m[1] !== KNOWN) {
      problems.push(invalid(file, pos.line, pos.col, `unknown suppression '${m[1]}': only '${KNOWN}' is supported`, usage));
      continue;
    }
    const parsed = parseDirective(m[2]!, resolve);
    if (typeof parsed === 'string') {
      problems.push(invalid(file, pos.line, pos.col, `suppression ${parsed}`, usage));
      continue;
    }
    const target = c.next < 0 ? undefined : lines.linePos(c.next).line;
    if (target === undefined) {
      problems.push(invalid(file, pos.line, pos.col, 'suppression is followed by no YAML content to cover', usage));
      continue;
    }
    suppressions.push({ file, line: pos.line, col: pos.col, target, rules: parsed.rules, reason: parsed.reason });
  }
  return { suppressions, problems };
}

/**
 * Marks each finding a suppression covers, and returns a SUPPRESSION_UNUSED finding for each suppression that
 * covered nothing. `ran` holds the rules that ran on the file: a suppression of a rule that was not run is not stale.
 */
export function applySuppressions(findings: Finding[], sups: Suppression[], ran: (ruleId: string) => boolean, unusedSeverity: Severity = 'warning'): Finding[] {
  for (const f of findings) {
    if (f.ruleId === SUPPRESSION_INVALID || f.ruleId === SUPPRESSION_UNUSED) continue;
    const s = sups.find((s) => (s.target === undefined || s.target === f.line) && s.rules.includes(f.ruleId.toUpperCase()));
    if (!s) continue;
    s.used = true;
    f.suppressed = { reason: s.reason };
  }
  const unused: Finding[] = [];
  for (const s of sups) {
    if (s.used || !s.rules.some(ran)) continue;
    const where = s.from ? `suppression in ${s.from}` : 'suppression';
    const covers = s.target === undefined ? `in ${s.file}` : `on line ${s.target}`;
    unused.push({
      file: s.from ?? s.file,
      line: s.line,
      col: s.col,
      ruleId: SUPPRESSION_UNUSED,
      severity: unusedSeverity,
      message: `${where} of ${s.rules.join(', ')} covers no finding ${covers}`,
      hint: 'remove the suppression: what it covered is fixed or has moved',
    });
  }
  return unused;
}
