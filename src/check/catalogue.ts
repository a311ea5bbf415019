// The rules as users name them: by id (VPC001) or by name (sg-open-admin), which are on by default, and where
// each rule's documentation lives. `check --list-rules`, --rules/--skip, the config file and suppressions all
// resolve names here.
import { HOMEPAGE } from '../version.js';
import { RULES } from './rules.js';
import type { RuleMeta, Severity } from './types.js';

/** Rules that run only when asked for (--rules, or `rules:` in the config): notes most designs trip on purpose. */
export const OFF_BY_DEFAULT: ReadonlySet<string> = new Set(['VPC021']);

/** The stable home of the rule pages: docs/rules/<ID>.md on the main branch of the repository (package.json "homepage"). */
export const RULE_DOCS_BASE = `${HOMEPAGE}/blob/main/docs/rules/`;

/** A lint rule's page; for assertions, suppressions and file errors, the section of docs/check.md about them. */
export function ruleHelpUri(id: string): string {
  if (BY_KEY.get(id.toUpperCase()) === id) return `${RULE_DOCS_BASE}${encodeURIComponent(id)}.md`;
  return `${HOMEPAGE}/blob/main/docs/check.md#${id === 'ASSERTION' ? 'assertions' : id.startsWith('SUPPRESSION_') ? 'suppressions' : 'file-errors'}`;
}

const BY_KEY = new Map<string, string>();
for (const r of RULES) {
  BY_KEY.set(r.id.toUpperCase(), r.id);
  BY_KEY.set(r.name.toUpperCase(), r.id);
}

/** The rule id an id or a name stands for (case-insensitive), or undefined. */
export function resolveRule(idOrName: string): string | undefined {
  return BY_KEY.get(idOrName.trim().toUpperCase());
}

export interface ListedRule extends RuleMeta {
  enabledByDefault: boolean;
  helpUri: string;
}

/** Every rule, with the severity and on/off state the given overrides leave it in. */
export function listRules(severity: Record<string, Severity> = {}, enabled?: (id: string) => boolean): ListedRule[] {
  return RULES.map((r) => ({
    id: r.id,
    name: r.name,
    severity: severity[r.id] ?? r.severity,
    description: r.description,
    enabledByDefault: enabled ? enabled(r.id) : !OFF_BY_DEFAULT.has(r.id),
    helpUri: ruleHelpUri(r.id),
  }));
}
