// The TypeScript type of a topology document, written from the topology schema (src/load/schema.ts), so that the
// type and the schema cannot drift: scripts/write-schema.mjs writes both, and tests/load/load-schema.test.ts fails
// when src/load/topology-data.ts is not what this writes. Handles the JSON Schema the format uses: object (closed:
// additionalProperties false; an open one has no properties), array, string, integer, number, boolean, enum, const and oneOf.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

const HEADER = `// The topology document as written (format version 1), as a TypeScript type. Generated from the schema
// (src/load/schema.ts) by scripts/write-schema.mjs: do not edit; change the schema and run \`npm run schema\`.
// tests/load/load-schema.test.ts fails when this file and the schema differ.
`;

const PRIMITIVE = { string: 'string', integer: 'number', number: 'number', boolean: 'boolean' };

function doc(description, pad) {
  return description ? `${pad}/** ${String(description).replace(/\*\//g, '*\\/')} */\n` : '';
}

const key = (k) => (/^[A-Za-z_$][\w$]*$/.test(k) ? k : JSON.stringify(k));
const wrap = (t) => (/[|&]/.test(t) && !/^\{/.test(t) ? `(${t})` : t);

function typeOf(node, depth) {
  if (node.const !== undefined) return JSON.stringify(node.const);
  if (node.enum) return node.enum.map((v) => JSON.stringify(v)).join(' | ');
  if (node.oneOf) return node.oneOf.map((n) => typeOf(n, depth)).join(' | ');
  const types = Array.isArray(node.type) ? node.type : [node.type];
  return types
    .map((t) => {
      if (t === 'object') return objectType(node, depth);
      if (t === 'array') return `${wrap(typeOf(node.items, depth))}[]`;
      if (PRIMITIVE[t]) return PRIMITIVE[t];
      throw new Error(`schema type ${JSON.stringify(t)} is not handled`);
    })
    .join(' | ');
}

function objectType(node, depth) {
  if (node.additionalProperties !== false) {
    if (node.properties) throw new Error('an open object with properties is not handled');
    return 'Record<string, unknown>';
  }
  const pad = '  '.repeat(depth + 1);
  const required = new Set(node.required ?? []);
  const lines = Object.entries(node.properties ?? {}).map(
    ([k, v]) => `${doc(v.description, pad)}${pad}${key(k)}${required.has(k) ? '' : '?'}: ${typeOf(v, depth + 1)};\n`,
  );
  return `{\n${lines.join('')}${'  '.repeat(depth)}}`;
}

/** The text of src/load/topology-data.ts for a schema, formatted as the project formats TypeScript. */
export function schemaTypeText(schema) {
  const text = `${HEADER}\n${doc(schema.title, '')}export type TopologyData = ${objectType(schema, 0)};\n`;
  const biome = join(root, 'node_modules', '.bin', 'biome');
  const r = spawnSync(biome, ['format', '--stdin-file-path=src/load/topology-data.ts'], { input: text, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`biome format: ${r.stderr}`);
  return r.stdout;
}
