// `JSON.stringify(value, null, 2)` in pieces of about CHUNK characters. The exposure of a large estate is over 200 MB
// of JSON: made as one string, it and the parts the engine joins into it peaked at four times the memory of the loaded
// estate. Written in pieces, each element of a top-level list is stringified alone. The text is the same
// (tests/render/json-chunks.test.ts).

/** Characters gathered before a piece of a long output is given out (writes to stdout are fewer and larger). */
export const CHUNK = 1 << 16;

/** The pieces of `JSON.stringify(value, null, 2)` for a plain object of JSON values (no toJSON, no cycles). */
export function* prettyJsonChunks(value: Readonly<Record<string, unknown>>): Generator<string> {
  let out = '{';
  let first = true;
  for (const [key, v] of Object.entries(value)) {
    if (v === undefined || typeof v === 'function' || typeof v === 'symbol') continue; // left out, as JSON.stringify does
    out += `${first ? '' : ','}\n  ${JSON.stringify(key)}: `;
    first = false;
    if (!Array.isArray(v) || !v.length) {
      out += indent(JSON.stringify(v, null, 2));
      continue;
    }
    out += '[';
    for (let i = 0; i < v.length; i++) {
      out += `${i ? ',' : ''}\n    ${indent(JSON.stringify(v[i], null, 2) ?? 'null', '    ')}`;
      if (out.length >= CHUNK) {
        yield out;
        out = '';
      }
    }
    out += '\n  ]';
  }
  yield first ? `${out}}` : `${out}\n}`;
}

/** The text of a nested value: its lines after the first indented to its depth. */
function indent(text: string, by = '  '): string {
  return text.includes('\n') ? text.replaceAll('\n', `\n${by}`) : text;
}
