#!/usr/bin/env node
// Writes schema/topology.schema.json from the compiled topologySchema (run after `npm run build`), and the
// document's TypeScript type, src/load/topology-data.ts, from the same schema (scripts/schema-type.mjs).
// tests/load/load-schema.test.ts fails when either committed file and the source differ.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { topologySchema } from '../dist/load/schema.js';
import { schemaTypeText } from './schema-type.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'schema', 'topology.schema.json');
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, `${JSON.stringify(topologySchema, null, 2)}\n`);
process.stdout.write(`wrote ${out}\n`);
const typeOut = join(root, 'src', 'load', 'topology-data.ts');
writeFileSync(typeOut, schemaTypeText(topologySchema));
process.stdout.write(`wrote ${typeOut}\n`);
