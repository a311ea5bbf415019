// Where an importer's topology goes: the --output file, or stdout.
import { writeFileSync } from 'node:fs';

/** Writes `text` to `output` (or stdout); `unwritable` builds the importer's own error for a file that cannot be written. */
export function writeImported(text: string, output: string | undefined, out: (s: string) => void, unwritable: (message: string) => Error): void {
  if (!output) return out(text);
  try {
    writeFileSync(output, text);
  } catch (e) {
    throw unwritable(`cannot write ${output}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
}
