// An option's value is the next word unless written `--flag=value`. A next word that is itself an option
// (`check … --output --verbose`) is almost always a forgotten value: it would write a file named `--verbose`.
// Such a value is refused; `--output=--verbose` (or `--output ./--verbose`) says it is meant. See docs/cli.md.
import type { Command, Option } from 'commander';
import { UsageError } from './exit.js';

function takesValue(cmd: Command, flag: string): Option | undefined {
  return cmd.options.find((o) => (o.long === flag || o.short === flag) && (o.required || o.optional));
}

/** Throws a UsageError for the first value-taking option followed by a word starting with `--`. */
export function refuseOptionLikeValues(program: Command, args: string[]): void {
  let cmd = program;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--') return; // everything after is an argument
    if (!a.startsWith('-')) {
      const sub = cmd.commands.find((c) => c.name() === a || c.aliases().includes(a));
      if (sub) cmd = sub;
      continue;
    }
    if (a.includes('=')) continue;
    // An option of this command or of a command above it (commander passes those up).
    let opt: Option | undefined;
    for (let c: Command | null = cmd; c && !opt; c = c.parent) opt = takesValue(c, a);
    if (!opt) continue;
    const next = args[i + 1];
    if (next !== undefined && next.startsWith('--')) {
      throw new UsageError(`${a} needs a value, but is followed by the option '${next}'; if '${next}' is the value, write ${a}=${next}`);
    }
    i++; // skip the value
  }
}
