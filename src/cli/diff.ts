import type { Command } from 'commander';
import type { SetExit } from './command-types.js';
import { EXIT, UsageError } from './exit.js';
import { REACH_FLAGS } from './input-flags.js';
import { writeJson } from './write-json.js';

export function registerDiff(program: Command, setExit: SetExit): void {
  program
    .command('diff')
    .description('every flow a change opens or closes (round trips, exactly), between two topologies')
    .argument(
      '<before>',
      'topology file (.yaml/.json) or folder of aws ec2 describe-* output before the change (with --git: the file, read from the revision and from the working tree)',
    )
    .argument('[after]', 'the topology after the change')
    .option('--plan', "compare a Terraform plan's prior state (before) with its planned values (after): give the plan (terraform show -json) as <before>")
    .option('--git <ref>', 'read <before> from this git revision of the same file (git show <ref>:<file>)')
    .option('--region <name>', 'the region to read from dump folders that hold several (both sides)')
    .option('--from <endpoint>', 'instance/interface/NAT gateway/endpoint id, subnet:ID, sg:ID, IP or CIDR, internet, on-premises, any', 'any')
    .option('--to <endpoint>', 'same kinds as --from', 'any')
    .option('--protocol <p>', 'tcp | udp | icmp | icmpv6 | all | <number>', 'all')
    .option('--ports <ranges>', 'destination ports, e.g. 22 or 80,443 or 1024-65535', '0-65535')
    .option('--src-ports <ranges>', 'source ports', '1024-65535')
    .option('--fail-on <what>', 'exit 1 when the change opens: internet | opened | any | none', 'internet')
    .option('--json', 'print the result as JSON')
    .option('--format <fmt>', 'text | json | markdown (a pull-request comment) | html (both topologies with the opened and closed flows drawn)', 'text')
    .option('--output <file>', 'with --format html: write the report to a file instead of stdout')
    .action(async (before: string, after: string | undefined, opts: Record<string, unknown>) => {
      setExit(await runDiff(before, after, opts));
    });
}

async function runDiff(first: string, second: string | undefined, opts: Record<string, unknown>): Promise<number> {
  const { FAIL_ON, diff, diffJson, failsOn, DiffInputError } = await import('../diff/diff.js');
  const failOn = String(opts.failOn).trim().toLowerCase();
  if (!(FAIL_ON as readonly string[]).includes(failOn)) throw new UsageError(`--fail-on: '${String(opts.failOn)}' is not one of ${FAIL_ON.join(', ')}`);
  const format = opts.json ? 'json' : String(opts.format).trim().toLowerCase();
  if (!['text', 'json', 'markdown', 'html'].includes(format))
    throw new UsageError(`--format: '${String(opts.format)}' is not one of text, json, markdown, html`);
  if (opts.output !== undefined && format !== 'html') throw new UsageError('--output goes with --format html');
  const [{ loadSides }, { inputOptions }] = await Promise.all([import('./diff-load.js'), import('./load-input.js')]);
  const sides = await loadSides(first, second, opts.git as string | undefined, opts.plan === true, inputOptions(opts));
  if (!sides) return EXIT.USAGE;
  let result;
  try {
    result = diff(sides.before, sides.after, {
      from: String(opts.from),
      to: String(opts.to),
      protocol: String(opts.protocol),
      ports: String(opts.ports),
      srcPorts: String(opts.srcPorts),
    });
  } catch (e) {
    if (e instanceof DiffInputError) throw new UsageError(e.describe(REACH_FLAGS));
    throw e;
  }
  const failed = failsOn(result, failOn as Parameters<typeof failsOn>[1]);
  if (format === 'json') writeJson(diffJson(result));
  else if (format === 'html') {
    const [{ renderDiffHtml }, { write }] = await Promise.all([import('../render/diff-html.js'), import('./diagram-cmd.js')]);
    write(opts.output as string | undefined, await renderDiffHtml(sides.before.topology, sides.after.topology, result, sides.names));
  } else if (format === 'markdown') process.stdout.write((await import('../render/diff-markdown.js')).renderDiffMarkdown(result, sides.names, failed));
  else process.stdout.write((await import('../render/diff-text.js')).renderDiffText(result, sides.names));
  return failed ? EXIT.FAIL : EXIT.OK;
}
