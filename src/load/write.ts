// Writing a topology as file text, the mirror of loading it: YAML in the style of the format reference (one line per
// small resource or rule: `- { id: ..., vpc: ... }`) or JSON. The importers and the generator both write through
// here, so one quoting rule decides what a string becomes. The YAML writer is purpose-built for plain data (strings,
// numbers, booleans, null, lists, maps) and linear in the output: a generic YAML document model is several times
// slower on large estates. Any string that a YAML 1.2 or 1.1 reader could take for something else is written
// double-quoted (a JSON string is a valid YAML double-quoted scalar).

/** Layout choices; the quoting rule is the same for every style. */
export interface WriteStyle {
  /** `[ a, b ]` rather than `[a, b]` */
  readonly padLists: boolean;
  /** widest one-line form of a list or map; wider ones are written as block lines */
  readonly flowMax: number;
  /** a blank line before each top-level list of resources that is not the first key */
  readonly blankBeforeLists: boolean;
}

type Plain = string | number | boolean | null;

// A plain scalar: starts with a letter, digit, '_', '.', '/' or '('; then also spaces, '@', '+', '-', ')'.
// No ':', '#', ',', brackets, braces or quotes, so it reads the same in block and flow context.
const PLAIN = /^[A-Za-z0-9_./(][A-Za-z0-9_./()@+ -]*$/;
// Strings a YAML 1.2 core-schema or YAML 1.1 reader would take for a number, boolean, null or date.
const NOT_A_STRING = [
  /^[-+]?[0-9][0-9_]*$/,
  /^[-+]?0o[0-7_]+$/,
  /^[-+]?0x[0-9a-fA-F_]+$/,
  /^[-+]?0b[01_]+$/,
  // 1.1 floats: a lone '.' and an exponent without a mantissa (`e5`) count too
  /^[-+]?(?:[0-9][0-9_]*)?\.[0-9_]*$/,
  /^[-+]?(?:[0-9][0-9_]*)?(?:\.[0-9_]*)?[eE][-+]?[0-9]+$/,
  /^[-+]?\.(?:inf|nan)$/i,
  /^(?:y|n|yes|no|true|false|on|off|null|~)$/i,
  /^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}$/,
];
const KEY = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Anything JavaScript itself reads as a finite number, when it starts like one (`1.`, `0x1F`, `.5e3`). */
function looksNumeric(s: string): boolean {
  return /^[-+]?\.?[0-9]/.test(s) && Number.isFinite(Number(s));
}

function isScalar(v: unknown): v is Plain {
  return v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';
}

export function yamlScalar(v: Plain): string {
  if (v === null) return 'null';
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : JSON.stringify(String(v));
  if (typeof v === 'boolean') return String(v);
  if (v !== '' && PLAIN.test(v) && !v.endsWith(' ') && !NOT_A_STRING.some((re) => re.test(v)) && !looksNumeric(v)) return v;
  return JSON.stringify(v);
}

const yamlKey = (k: string) => (KEY.test(k) && yamlScalar(k) === k ? k : JSON.stringify(k));

/** One-line form of a list of scalars, or undefined when it is wider than the style allows. */
function flowList(v: Plain[], style: WriteStyle): string | undefined {
  if (v.length === 0) return '[]';
  const s = style.padLists ? `[ ${v.map(yamlScalar).join(', ')} ]` : `[${v.map(yamlScalar).join(', ')}]`;
  return s.length <= style.flowMax ? s : undefined;
}

/** One-line form of a map or list made of scalars and lists of scalars, or undefined when it does not fit. */
function flow(v: unknown, style: WriteStyle): string | undefined {
  if (isScalar(v)) return yamlScalar(v);
  if (Array.isArray(v)) return v.every(isScalar) ? flowList(v, style) : undefined;
  if (v === null || typeof v !== 'object') return JSON.stringify(String(v));
  const parts: string[] = [];
  let width = 4;
  for (const [k, x] of Object.entries(v)) {
    if (x === undefined) continue;
    if (!isScalar(x) && !(Array.isArray(x) && x.every(isScalar))) return undefined;
    const p = `${yamlKey(k)}: ${flow(x, style) ?? JSON.stringify(x)}`;
    width += p.length + 2;
    if (width > style.flowMax) return undefined;
    parts.push(p);
  }
  return parts.length ? `{ ${parts.join(', ')} }` : '{}';
}

function mapLines(o: Record<string, unknown>, indent: number, style: WriteStyle, out: string[]): void {
  const pad = ' '.repeat(indent);
  for (const [k, v] of Object.entries(o)) {
    if (v === undefined) continue;
    const f = flow(v, style);
    if (f !== undefined) {
      out.push(`${pad}${yamlKey(k)}: ${f}`);
      continue;
    }
    if (indent === 0 && style.blankBeforeLists && Array.isArray(v) && out.length > 0) out.push('');
    out.push(`${pad}${yamlKey(k)}:`);
    if (Array.isArray(v)) seqLines(v, indent + 2, style, out);
    else mapLines(v as Record<string, unknown>, indent + 2, style, out);
  }
}

function seqLines(a: unknown[], indent: number, style: WriteStyle, out: string[]): void {
  const pad = ' '.repeat(indent);
  for (const item of a) {
    const f = flow(item, style);
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
    mapLines(item as Record<string, unknown>, indent + 2, style, lines);
    if (lines.length === 0) {
      out.push(`${pad}- {}`);
      continue;
    }
    lines[0] = `${pad}- ${lines[0]!.slice(indent + 2)}`;
    for (const l of lines) out.push(l);
  }
}

/** The topology as YAML text, after an optional `#` comment header (one comment line per header line). */
export function writeYaml(doc: object, style: WriteStyle, header?: string): string {
  const out: string[] = [];
  if (header) for (const line of header.split('\n')) out.push(`#${line}`);
  if (header) out.push('');
  const start = out.length;
  mapLines(doc as Record<string, unknown>, 0, style, out);
  // the header's blank line already separates the first key
  if (out[start] === '') out.splice(start, 1);
  return `${out.join('\n')}\n`;
}

/**
 * JSON with one resource per line: nearly as compact as JSON.stringify alone (what matters for large
 * estates), yet readable, diffable, and error positions name a useful line.
 */
export function writeJsonLines(doc: object): string {
  const o = doc as Record<string, unknown>;
  const parts = Object.keys(o).map((k) => {
    const v = o[k];
    if (Array.isArray(v) && v.length > 0) return `  ${JSON.stringify(k)}: [\n    ${v.map((x) => JSON.stringify(x)).join(',\n    ')}\n  ]`;
    return `  ${JSON.stringify(k)}: ${JSON.stringify(v)}`;
  });
  return `{\n${parts.join(',\n')}\n}\n`;
}

/** JSON indented two spaces per level. */
export function writeJsonIndented(doc: object): string {
  return `${JSON.stringify(doc, null, 2)}\n`;
}
