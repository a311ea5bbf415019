// Writing an imported topology as YAML in the style of the format reference (one line per small resource
// or rule: `- { id: ..., vpc: ... }`) or as JSON. The YAML writer is purpose-built for plain data (strings,
// numbers, booleans, lists, maps): a generic YAML document model is several times slower on large estates.
// Any string that a YAML 1.2 or 1.1 reader could take for something else is written double-quoted.
import type { TopologyData } from './aws-types.js';

const FLOW_MAX = 200;

// A plain scalar: starts with a letter, digit, '_', '.', '/' or '('; then also spaces, '@', '+', '-', ')'.
// No ':', '#', ',', brackets, braces or quotes, so it reads the same in block and flow context.
const PLAIN = /^[A-Za-z0-9_./(][A-Za-z0-9_./()@+ -]*$/;
// Strings YAML would read as a number, boolean or null (1.2 core schema, and 1.1 booleans and digit groups).
const NOT_A_STRING = [
  /^[-+]?[0-9][0-9_]*$/,
  /^0o[0-7]+$/,
  /^0x[0-9a-fA-F]+$/,
  /^[-+]?(?:\.[0-9]+|[0-9][0-9_]*(?:\.[0-9_]*)?)(?:[eE][-+]?[0-9]+)?$/,
  /^[-+]?\.(?:inf|Inf|INF)$/,
  /^\.(?:nan|NaN|NAN)$/,
  /^(?:true|True|TRUE|false|False|FALSE|null|Null|NULL|~|y|Y|yes|Yes|YES|n|N|no|No|NO|on|On|ON|off|Off|OFF)$/,
];
const KEY = /^[A-Za-z_][A-Za-z0-9_]*$/;

type Plain = string | number | boolean | null;

function isScalar(v: unknown): v is Plain {
  return v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';
}

export function yamlScalar(v: Plain): string {
  if (v === null) return 'null';
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : JSON.stringify(String(v));
  if (typeof v === 'boolean') return String(v);
  if (v !== '' && PLAIN.test(v) && !v.endsWith(' ') && !NOT_A_STRING.some((re) => re.test(v))) return v;
  return JSON.stringify(v);
}

const key = (k: string) => (KEY.test(k) ? k : JSON.stringify(k));

/** One-line form of a map or list made of scalars and lists of scalars, or undefined when it does not fit. */
function flow(v: unknown): string | undefined {
  if (isScalar(v)) return yamlScalar(v);
  if (Array.isArray(v)) {
    if (!v.every(isScalar)) return undefined;
    const s = v.length ? `[ ${v.map(yamlScalar).join(', ')} ]` : '[]';
    return s.length <= FLOW_MAX ? s : undefined;
  }
  if (v !== null && typeof v === 'object') {
    const parts: string[] = [];
    let width = 4;
    for (const [k, x] of Object.entries(v)) {
      if (x === undefined) continue;
      if (!isScalar(x) && !(Array.isArray(x) && x.every(isScalar))) return undefined;
      const p = `${key(k)}: ${flow(x) ?? JSON.stringify(x)}`;
      width += p.length + 2;
      if (width > FLOW_MAX) return undefined;
      parts.push(p);
    }
    return parts.length ? `{ ${parts.join(', ')} }` : '{}';
  }
  return JSON.stringify(String(v));
}

function mapLines(o: Record<string, unknown>, indent: number, out: string[]): void {
  const pad = ' '.repeat(indent);
  for (const [k, v] of Object.entries(o)) {
    if (v === undefined) continue;
    if (isScalar(v)) {
      out.push(`${pad}${key(k)}: ${yamlScalar(v)}`);
      continue;
    }
    const f = flow(v);
    if (f !== undefined) {
      out.push(`${pad}${key(k)}: ${f}`);
      continue;
    }
    out.push(`${pad}${key(k)}:`);
    if (Array.isArray(v)) seqLines(v, indent + 2, out);
    else mapLines(v as Record<string, unknown>, indent + 2, out);
  }
}

function seqLines(a: unknown[], indent: number, out: string[]): void {
  const pad = ' '.repeat(indent);
  for (const item of a) {
    const f = flow(item);
    if (f !== undefined) {
      out.push(`${pad}- ${f}`);
      continue;
    }
    if (Array.isArray(item)) {
      // a list of lists does not occur in the format; JSON is valid YAML flow style
      out.push(`${pad}- ${JSON.stringify(item)}`);
      continue;
    }
    const lines: string[] = [];
    mapLines(item as Record<string, unknown>, indent + 2, lines);
    if (lines.length === 0) {
      out.push(`${pad}- {}`);
      continue;
    }
    lines[0] = `${pad}- ${lines[0]!.slice(indent + 2)}`;
    for (const l of lines) out.push(l);
  }
}

export function formatTopology(topology: TopologyData, format: 'yaml' | 'json' = 'yaml', header?: string): string {
  if (format === 'json') return `${JSON.stringify(topology, null, 2)}\n`;
  const out: string[] = [];
  if (header) for (const line of header.split('\n')) out.push(`#${line}`);
  if (header) out.push('');
  mapLines(topology as Record<string, unknown>, 0, out);
  return `${out.join('\n')}\n`;
}
