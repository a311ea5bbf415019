// Compiles the topology JSON Schema into a standalone validator at build time, so the CLI does not
// pay ajv's schema compilation on every start.
import { writeFileSync } from 'node:fs';
import Ajv from 'ajv';
import standaloneCode from 'ajv/dist/standalone/index.js';
import { topologySchema } from '../dist/load/schema.js';

const ajv = new Ajv.default({ allErrors: true, strict: false, verbose: true, code: { source: true } });
const validate = ajv.compile(topologySchema);
writeFileSync(new URL('../dist/load/schema-validator.cjs', import.meta.url), standaloneCode.default(ajv, validate));
