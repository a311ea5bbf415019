#!/usr/bin/env node
// Writes schema/topology.schema.json from the compiled topologySchema (run after `npm run build`).
// tests/load/load-schema.test.ts fails when the committed file and the source differ.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { topologySchema } from '../dist/load/schema.js';

const out = join(dirname(fileURLToPath(import.meta.url)), '..', 'schema', 'topology.schema.json');
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, `${JSON.stringify(topologySchema, null, 2)}\n`);
process.stdout.write(`wrote ${out}\n`);
