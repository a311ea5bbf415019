// The CLI is a thin layer over the library: it parses flags, calls src/, renders, and maps outcomes to exit codes.
// Subcommands are imported lazily so `vpcsim --help` and small runs load only what they use.
import { setFlagsFromString } from 'node:v8';
import { Command, CommanderError } from 'commander';
import { configureColor } from './color.js';
import { EXIT, UsageError } from './exit.js';
import { registrations } from './commands.js';
import { VERSION } from '../version.js';
import { refuseOptionLikeValues } from './option-values.js';
import { addExamples } from './examples.js';
import { jsonErrorsText, usageError, wantsJson } from './json-errors.js';

export async function main(argv: string[]): Promise<number> {
  // V8 allocates objects from sites whose earlier objects survived straight into the old generation; the reach
  // engine's short-lived partitions then pile up there, and about one exposure run in ten of the large estate peaked
  // at 2.3-2.7x the loaded estate instead of 1.8x (docs/reach.md, Limits). Off, 6 of 7 runs
  // peaked at 1.65-1.68x, the seventh at 2.03x over a low load peak.
  setFlagsFromString('--no-allocation-site-pretenuring');
  // `vpcsim … | head` closes the pipe early: that is not an error worth a stack trace.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
      throw e;
    });
  }
  const program = new Command();
  // Under --json, errors are one JSON document on stdout (docs/cli.md); commander's own messages are replaced by it.
  const json = wantsJson(argv.slice(2));
  const fail = (code: string, message: string): number => {
    if (json) process.stdout.write(jsonErrorsText([usageError(code, message)]));
    else process.stderr.write(`vpcsim: ${message}\n`);
    return EXIT.USAGE;
  };
  let exitCode: number = EXIT.OK;
  const setExit = (code: number) => {
    exitCode = Math.max(exitCode, code);
  };
  program
    .name('vpcsim')
    .description('Simulate AWS VPC networking offline: trace packets hop by hop, lint topologies, plan CIDRs.')
    .version(VERSION, '-V, --version')
    .option('--no-color', 'disable colour (NO_COLOR is honoured too)')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride()
    .configureOutput({ writeErr: (s) => (json ? undefined : process.stderr.write(s)), writeOut: (s) => process.stdout.write(s) });
  program.hook('preAction', (cmd) => {
    configureColor({ color: cmd.optsWithGlobals().color });
  });

  for (const register of registrations) await register(program, setExit);
  addExamples(program);

  try {
    refuseOptionLikeValues(program, argv.slice(2));
    await program.parseAsync(argv);
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version') return EXIT.OK;
      // Help asked for (`vpcsim help`, `help trace`) is success; help shown because the command is missing or unknown
      // (`vpcsim`, `vpcsim import`, `vpcsim help bogus`) is a usage error, though the help is still printed.
      if (e.code === 'commander.help') {
        if (e.exitCode === 0) return EXIT.OK;
        const words = argv.slice(2).filter((a) => !a.startsWith('-'));
        const i = words.indexOf('help');
        const unknown = i >= 0 ? words[i + 1] : undefined;
        const message = unknown !== undefined ? `unknown command '${unknown}'` : words.length && i < 0 ? `${words[0]}: missing subcommand` : 'missing command';
        return fail('USAGE', message);
      }
      // commander has printed its message on stderr, except under --json
      if (json)
        fail(
          `USAGE_${e.code
            .replace(/^commander\./, '')
            .replace(/([a-z])([A-Z])/g, '$1_$2')
            .toUpperCase()}`,
          e.message.replace(/^error: /, ''),
        );
      return EXIT.USAGE;
    }
    if (e instanceof UsageError) return fail(e.code, e.message);
    // Never a stack trace for users; keep one line that says it is a bug.
    process.stderr.write(`vpcsim: internal error: ${(e as Error)?.message ?? String(e)} (please report this with the input that caused it)\n`);
    if (process.env.VPCSIM_DEBUG) process.stderr.write(`${(e as Error)?.stack}\n`);
    return EXIT.USAGE;
  }
  return exitCode;
}
