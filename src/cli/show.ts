// show: a summary of a topology, or one resource with everything bound to it.
import type { Command } from 'commander';
import type { SetExit } from './command-types.js';
import { withInputOptions } from './input-flags.js';

export function registerShow(program: Command, setExit: SetExit): void {
  withInputOptions(
    program
      .command('show')
      .description('summarise a topology, or show one resource with everything bound to it')
      .argument('<topology>', 'topology file (.yaml/.json), a folder of aws ec2 describe-* output, or - for stdin')
      .argument('[id]', 'a resource id or name: VPC, subnet, route table, network ACL, security group, instance, gateway, ...'),
  )
    .option('--vpc <id>', 'summary: only this VPC (id or name) and its subnets')
    .option('--kind <kind>', 'summary: only this table: vpcs | subnets')
    .option('--limit <n>', 'summary: rows per table, then "… N more" (text default 50; 0 for all)')
    .option('--json', 'print the view as JSON')
    .action(async (topology: string, id: string | undefined, opts: { json?: boolean; vpc?: string; kind?: string; limit?: string }) => {
      const [{ loadTopologySource, printLoadErrors, inputOptions }, view, { EXIT, UsageError }] = await Promise.all([
        import('./load-input.js'),
        import('../render/show.js'),
        import('./exit.js'),
      ]);
      const bound = await loadTopologySource(topology, inputOptions(opts));
      if (!bound.topology) {
        printLoadErrors(bound, topology, 20, opts.json === true);
        setExit(EXIT.USAGE);
        return;
      }
      const t = bound.topology;
      let data: Record<string, unknown>;
      let more = '';
      if (id === undefined) {
        const { filterSummary, moreText, showFilter } = await import('./show-filter.js');
        const filter = showFilter(t, opts, opts.json === true);
        data = view.summaryView(t);
        more = moreText(filterSummary(data, filter));
      } else {
        if (opts.vpc !== undefined || opts.kind !== undefined || opts.limit !== undefined)
          throw new UsageError('--vpc, --kind and --limit apply to the summary, not to one resource');
        const { idForName } = await import('./names.js');
        const r = view.findResource(t, idForName(t, id));
        if (!r) throw new UsageError(`no resource '${id}' in ${topology}; closest ids: ${view.closestIds(t, id).join(', ')}`, 'UNKNOWN_RESOURCE');
        data = view.resourceView(t, r);
      }
      if (opts.json) process.stdout.write(`${JSON.stringify(data, null, 2)}\n`);
      else {
        const { outputWidth } = await import('./terminal.js');
        const text = { width: outputWidth() };
        process.stdout.write(id === undefined ? view.renderSummary(data, text) + more : view.renderResource(data, text));
      }
      setExit(EXIT.OK);
    });
}
