// Writing a generated topology as file text, through the one topology writer (src/load/write.ts): YAML with one
// flow mapping per resource line however wide, a blank line between resource lists, or JSON with one resource
// per line.
import { type WriteStyle, writeJsonLines, writeYaml } from '../load/write.js';

const GENERATE_STYLE: WriteStyle = { padLists: false, flowMax: Number.POSITIVE_INFINITY, blankBeforeLists: true };

export function toYamlText(doc: object): string {
  return writeYaml(doc, GENERATE_STYLE);
}

export const toJsonText = writeJsonLines;

/** The topology as file text: YAML in the format reference's style, or JSON with one resource per line. */
export function formatGeneratedTopology(doc: object, format: 'yaml' | 'json'): string {
  return format === 'json' ? toJsonText(doc) : toYamlText(doc);
}
