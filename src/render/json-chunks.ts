// `JSON.stringify(value, null, 2)` in pieces of about CHUNK characters. The exposure of a large estate is over 200 MB
// of JSON: made as one string, it and the parts the engine joins into it peaked at four times the memory of the loaded
// estate. Written in pieces, each element of a top-level list is stringified alone. The text is the same
// (tests/render/json-chunks.test.ts).

/** Characters gathered before a piece of a long output is given out (writes to stdout are fewer and larger). */
export const CHUNK = 1 << 16;

/** `parts` joined into pieces of at least CHUNK characters (the last may be shorter): fewer, larger writes. */
export function* inPieces(parts: Iterable<string>): Generator<string> {
  let out = '';
  for (const part of parts) {
    out += part;
    if (out.length < CHUNK) continue;
    yield out;
    out = '';
  }
  if (out) yield out;
}

/** The pieces of `JSON.stringify(value, null, 2)` for a plain object of JSON values (no toJSON, no cycles). */
export function prettyJsonChunks(value: Readonly<Record<string, unknown>>): Generator<string> {
  return inPieces(prettyJsonParts(value));
}

/** The text of prettyJsonChunks() as small parts: a top-level list's elements one at a time. */
function* prettyJsonParts(value: Readonly<Record<string, unknown>>): Generator<string> {
  let first = true;
  yield '{';
  for (const [key, v] of Object.entries(value)) {
    if (v === undefined || typeof v === 'function' || typeof v === 'symbol') continue; // left out, as JSON.stringify does
    yield `${first ? '' : ','}\n  ${JSON.stringify(key)}: `;
    first = false;
    if (!Array.isArray(v) || !v.length) {
      yield indent(JSON.stringify(v, null, 2));
      continue;
    }
    yield '[';
    for (let i = 0; i < v.length; i++) yield `${i ? ',' : ''}\n    ${indent(JSON.stringify(v[i], null, 2) ?? 'null', '    ')}`;
    yield '\n  ]';
  }
  yield first ? '}' : '\n}';
}

/** The text of a nested value: its lines after the first indented to its depth. */
function indent(text: string, by = '  '): string {
  return text.includes('\n') ? text.replaceAll('\n', `\n${by}`) : text;
}
