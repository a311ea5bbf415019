// Writes a generated topology as YAML (in the style of the format reference: one flow mapping per
// resource line) or JSON. The YAML writer is a small purpose-built one: it only has to handle the plain
// data the generator produces (strings, numbers, booleans, arrays, objects), and it is linear in the output
// size, so large estates serialise in well under a second. Any string that could be read back as something
// else is written double-quoted (a JSON string is a valid YAML double-quoted scalar).

type Json = string | number | boolean | null | Json[] | { [k: string]: Json };

const PLAIN = /^[A-Za-z0-9_./][A-Za-z0-9_./-]*$/;
const YAML11_WORDS = /^(y|n|yes|no|true|false|on|off|null|~)$/i;

function scalar(v: Json): string {
  if (typeof v === 'string') {
    if (v === '' || !PLAIN.test(v) || YAML11_WORDS.test(v) || looksNumeric(v)) return JSON.stringify(v);
    return v;
  }
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : JSON.stringify(String(v));
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  return 'null';
}

function looksNumeric(s: string): boolean {
  return /^[-+]?(\.?\d)/.test(s) && (Number.isFinite(Number(s)) || /^[-+]?\d+(\.\d*)?([eE][-+]?\d+)?$/.test(s) || /^0[xo]/i.test(s) || /^[-+]?\.(inf|nan)$/i.test(s));
}

function isScalar(v: Json): boolean {
  return v === null || typeof v !== 'object';
}

/** Flow style: `[a, b]` or `{ k: v, ... }`, for values made only of scalars (one level of arrays allowed). */
function flow(v: Json): string {
  if (Array.isArray(v)) return `[${v.map(flow).join(', ')}]`;
  if (v !== null && typeof v === 'object') {
    const parts = Object.keys(v).map((k) => `${scalar(k)}: ${flow(v[k]!)}`);
    return parts.length === 0 ? '{}' : `{ ${parts.join(', ')} }`;
  }
  return scalar(v);
}

function isFlat(v: Json): boolean {
  if (isScalar(v)) return true;
  if (Array.isArray(v)) return v.every(isScalar);
  return Object.values(v as Record<string, Json>).every((x) => isScalar(x) || (Array.isArray(x) && x.every(isScalar)));
}

function block(out: string[], v: Json, indent: string): void {
  // v is an object written as `key: value` lines at `indent`.
  const o = v as Record<string, Json>;
  for (const k of Object.keys(o)) {
    const x = o[k]!;
    if (isScalar(x)) out.push(`${indent}${scalar(k)}: ${scalar(x)}`);
    else if (Array.isArray(x)) {
      if (x.length === 0 || x.every(isScalar)) out.push(`${indent}${scalar(k)}: ${flow(x)}`);
      else {
        out.push(`${indent}${scalar(k)}:`);
        list(out, x, `${indent}  `);
      }
    } else if (isFlat(x)) out.push(`${indent}${scalar(k)}: ${flow(x)}`);
    else {
      out.push(`${indent}${scalar(k)}:`);
      block(out, x, `${indent}  `);
    }
  }
}

function list(out: string[], xs: Json[], indent: string): void {
  for (const x of xs) {
    if (isFlat(x) || Array.isArray(x)) out.push(`${indent}- ${flow(x)}`);
    else {
      const sub: string[] = [];
      block(sub, x, `${indent}  `);
      if (sub.length === 0) out.push(`${indent}- {}`);
      else {
        out.push(`${indent}- ${sub[0]!.slice(indent.length + 2)}`);
        for (let i = 1; i < sub.length; i++) out.push(sub[i]!);
      }
    }
  }
}

export function toYamlText(doc: object): string {
  const out: string[] = [];
  const o = doc as Record<string, Json>;
  let first = true;
  for (const k of Object.keys(o)) {
    const x = o[k]!;
    if (Array.isArray(x) && x.length > 0 && !x.every(isScalar)) {
      if (!first) out.push('');
      out.push(`${scalar(k)}:`);
      list(out, x, '  ');
    } else {
      const sub: string[] = [];
      block(sub, { [k]: x }, '');
      out.push(...sub);
    }
    first = false;
  }
  return `${out.join('\n')}\n`;
}

/**
 * JSON with one resource per line: nearly as compact as JSON.stringify alone (what matters for large
 * estates), yet readable, diffable, and error positions name a useful line.
 */
export function toJsonText(doc: object): string {
  const o = doc as Record<string, unknown>;
  const parts = Object.keys(o).map((k) => {
    const v = o[k];
    if (Array.isArray(v) && v.length > 0) return `  ${JSON.stringify(k)}: [\n    ${v.map((x) => JSON.stringify(x)).join(',\n    ')}\n  ]`;
    return `  ${JSON.stringify(k)}: ${JSON.stringify(v)}`;
  });
  return `{\n${parts.join(',\n')}\n}\n`;
}

/** The topology as file text: YAML in the format reference's style, or JSON with one resource per line. */
export function formatGeneratedTopology(doc: object, format: 'yaml' | 'json'): string {
  return format === 'json' ? toJsonText(doc) : toYamlText(doc);
}
