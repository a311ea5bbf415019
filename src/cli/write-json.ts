// A JSON document on stdout, written in pieces so that a large result is never one string (render/json-chunks.ts).
import { prettyJsonChunks } from '../render/json-chunks.js';

/** Writes `JSON.stringify(value, null, 2)` and a line break to stdout. */
export function writeJson(value: Readonly<Record<string, unknown>>): void {
  for (const chunk of prettyJsonChunks(value)) process.stdout.write(chunk);
  process.stdout.write('\n');
}
