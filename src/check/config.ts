// `.vpcsim.yaml`: the repository's settings for `vpcsim check`, found by walking up from the working directory
// (as ESLint and checkov find theirs), or named with --config. Reference: docs/config.md.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { globSync } from 'tinyglobby';
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node } from 'yaml';
import { resolveRule } from './catalogue.js';
import type { Suppression } from './suppress.js';
import type { Severity } from './types.js';

export const CONFIG_NAMES = ['.vpcsim.yaml', '.vpcsim.yml'];
const MAX_CONFIG_BYTES = 1024 * 1024;

export const FORMATS = ['text', 'json', 'sarif', 'junit', 'github', 'html'] as const;
export type Format = (typeof FORMATS)[number];
const SEVERITIES = ['error', 'warning', 'info'] as const;

export interface CheckConfig {
  /** the file it was read from */
  file: string;
  /** rules switched on (`on` or a severity) or off, by id */
  enable: string[];
  disable: string[];
  severity: Record<string, Severity>;
  /** globs of paths never checked, relative to the config file's folder */
  exclude: string[];
  format?: Format;
  failOn?: Severity;
  /** assertion files, resolved against the config file's folder */
  assertions: string[];
  /** which rules inline comments may suppress: all, none, or a list of ids */
  inlineSuppressions: boolean | string[];
  /** suppressions for any file, JSON included: file globs resolved against the config file's folder */
  suppressions: (Suppression & { files: string[] })[];
}

export class ConfigError extends Error {}

/** The nearest `.vpcsim.yaml` in `dir` or a folder above it. */
export function findConfig(dir: string = process.cwd()): string | undefined {
  let d = resolve(dir);
  for (;;) {
    for (const name of CONFIG_NAMES) {
      const p = join(d, name);
      if (existsSync(p)) return p;
    }
    const up = dirname(d);
    if (up === d) return undefined;
    d = up;
  }
}

interface Ctx {
  file: string;
  lines: LineCounter;
}

function fail(ctx: Ctx, node: Node | null | undefined, message: string): never {
  const pos = node?.range ? ctx.lines.linePos(node.range[0]) : { line: 1, col: 1 };
  throw new ConfigError(`${ctx.file}:${pos.line}:${pos.col}: ${message}`);
}

function strings(ctx: Ctx, node: Node | null | undefined, key: string): string[] {
  if (isScalar(node) && typeof node.value === 'string') return [node.value];
  if (!isSeq(node) || !node.items.every((i) => isScalar(i) && typeof i.value === 'string')) fail(ctx, node, `'${key}' must be a string or a list of strings`);
  return node.items.map((i) => String((i as { value: unknown }).value));
}

function ruleId(ctx: Ctx, node: Node | null | undefined, text: string): string {
  const id = resolveRule(text);
  if (!id) fail(ctx, node, `'${text}' is not a rule id or name (see vpcsim check --list-rules)`);
  return id;
}

function readRules(ctx: Ctx, node: Node | null | undefined, cfg: CheckConfig): void {
  if (!isMap(node)) fail(ctx, node, "'rules' must be a map of rule id or name to on, off, error, warning or info");
  for (const pair of node.items) {
    const key = pair.key as Node;
    const id = ruleId(ctx, key, String(isScalar(key) ? key.value : ''));
    const v = isScalar(pair.value) ? pair.value.value : undefined;
    const word = v === true ? 'on' : v === false ? 'off' : String(v);
    if (word === 'off') cfg.disable.push(id);
    else if (word === 'on') cfg.enable.push(id);
    else if ((SEVERITIES as readonly string[]).includes(word)) {
      cfg.enable.push(id);
      cfg.severity[id] = word as Severity;
    } else fail(ctx, pair.value as Node, `rule ${id}: expected on, off, error, warning or info, got '${word}'`);
  }
}

function readSuppressions(ctx: Ctx, node: Node | null | undefined, cfg: CheckConfig, base: string): void {
  if (!isSeq(node)) fail(ctx, node, "'suppressions' must be a list of { file, rule, reason } entries");
  for (const item of node.items as Node[]) {
    if (!isMap(item)) fail(ctx, item, 'each suppression is a map with file, rule (or rules), reason and optionally line');
    const get = (k: string) => item.items.find((p) => isScalar(p.key) && p.key.value === k)?.value as Node | undefined;
    for (const p of item.items) {
      const k = isScalar(p.key) ? String(p.key.value) : '';
      if (!['file', 'rule', 'rules', 'reason', 'line'].includes(k))
        fail(ctx, p.key as Node, `unknown key '${k}' in a suppression (expected file, rule, rules, reason, line)`);
    }
    // a path, or a glob expanded now (relative to the config file's folder)
    const files = strings(ctx, get('file'), 'file').flatMap((f) => [
      resolve(base, f),
      ...globSync([f], { cwd: base, absolute: true, dot: true }).map((m) => resolve(m)),
    ]);
    const ruleNode = get('rule') ?? get('rules');
    const rules = strings(ctx, ruleNode, 'rule').map((r) => {
      if (r.toUpperCase() === 'ALL' || r === '*') fail(ctx, ruleNode, `'${r}' is not accepted: name each rule the suppression is for`);
      return ruleId(ctx, ruleNode, r);
    });
    const reasonNode = get('reason');
    const reason = isScalar(reasonNode) ? String(reasonNode.value ?? '').trim() : '';
    if (!reason) fail(ctx, reasonNode ?? item, 'a suppression needs a reason');
    const lineNode = get('line');
    const target =
      lineNode === undefined
        ? undefined
        : isScalar(lineNode) && Number.isInteger(lineNode.value) && (lineNode.value as number) > 0
          ? (lineNode.value as number)
          : fail(ctx, lineNode, "'line' must be a line number (1 or more)");
    const pos = ctx.lines.linePos(item.range?.[0] ?? 0);
    cfg.suppressions.push({ file: ctx.file, from: ctx.file, line: pos.line, col: pos.col, target, rules, reason, files });
  }
}

const KEYS = ['rules', 'exclude', 'format', 'failOn', 'fail-on', 'assertions', 'inlineSuppressions', 'suppressions'];

/** Reads and checks a config file; every mistake is a ConfigError with file:line:col. */
export function loadConfig(file: string): CheckConfig {
  let text: string;
  try {
    const st = statSync(file);
    if (!st.isFile()) throw new ConfigError(`${file}: not a regular file`);
    if (st.size > MAX_CONFIG_BYTES) throw new ConfigError(`${file}: larger than a config file can be (1 MiB)`);
    text = readFileSync(file, 'utf8');
  } catch (e) {
    if (e instanceof ConfigError) throw e;
    throw new ConfigError(`cannot read config ${file}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'file not found' : (e as Error).message}`);
  }
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false });
  const ctx: Ctx = { file, lines };
  if (doc.errors.length) {
    const pos = lines.linePos(doc.errors[0]!.pos[0]);
    throw new ConfigError(`${file}:${pos.line}:${pos.col}: ${doc.errors[0]!.message.split('\n')[0]}`);
  }
  const base = dirname(resolve(file));
  const cfg: CheckConfig = { file, enable: [], disable: [], severity: {}, exclude: [], assertions: [], inlineSuppressions: true, suppressions: [] };
  const root = doc.contents as Node | null;
  if (root === null || (isScalar(root) && root.value === null)) return cfg;
  if (!isMap(root)) fail(ctx, root, `expected a map with any of ${KEYS.join(', ')}`);
  for (const pair of root.items) {
    const k = isScalar(pair.key) ? String(pair.key.value) : '';
    const v = pair.value as Node | null;
    if (k === 'rules') readRules(ctx, v, cfg);
    else if (k === 'exclude') cfg.exclude = strings(ctx, v, k);
    else if (k === 'assertions') cfg.assertions = strings(ctx, v, k).map((f) => resolve(base, f));
    else if (k === 'suppressions') readSuppressions(ctx, v, cfg, base);
    else if (k === 'format') {
      const f = isScalar(v) ? String(v.value) : '';
      if (!(FORMATS as readonly string[]).includes(f)) fail(ctx, v, `'format' must be one of ${FORMATS.join(', ')}, got '${f}'`);
      cfg.format = f as Format;
    } else if (k === 'failOn' || k === 'fail-on') {
      const s = isScalar(v) ? String(v.value) : '';
      if (!(SEVERITIES as readonly string[]).includes(s)) fail(ctx, v, `'${k}' must be error, warning or info, got '${s}'`);
      cfg.failOn = s as Severity;
    } else if (k === 'inlineSuppressions') {
      if (isScalar(v) && typeof v.value === 'boolean') cfg.inlineSuppressions = v.value;
      else cfg.inlineSuppressions = strings(ctx, v, k).map((r) => ruleId(ctx, v, r));
    } else fail(ctx, pair.key as Node, `unknown key '${k}' (expected ${KEYS.join(', ')})`);
  }
  return cfg;
}
