// Text form of exposure through load balancers: per listener the internet reaches, who reaches it and what each
// target does with the connection (the tracer's leg 2 verdict).
import Table from 'cli-table3';
import { c } from './color.js';
import { endText } from './reach-text.js';
import type { LbExposure } from '../reach/exposure-lb.js';

export function renderLbExposureText(list: LbExposure[]): string {
  if (!list.length) return '';
  const t = new Table({
    head: ['load balancer', 'listener', 'from', 'target', 'verdict'].map((h) => c().bold(h)),
    style: { head: [], border: [], compact: true },
  });
  for (const x of list) {
    const from = [...new Set(x.inbound.map((r) => `${endText(r.source)} → ${endText(r.destination)}`))].join('\n');
    const targets = x.targets.length ? x.targets : [undefined];
    targets.forEach((g, i) => {
      const verdict = !g
        ? c().dim('(no targets)')
        : g.verdict === 'ACCEPT'
          ? c().green('ACCEPT')
          : `${c().red('REJECT')} ${g.blockedBy ?? ''} (${g.reason ?? ''})`;
      t.push([
        i === 0 ? `${x.loadBalancer} (${x.scheme})` : '',
        i === 0 ? `${x.listener} ${x.protocol}:${x.port}/${x.transport}` : '',
        i === 0 ? from : '',
        g ? `${g.target} (${g.ip ?? '?'}:${g.port})` : '',
        verdict,
      ]);
    });
  }
  const reached = list.reduce((n, x) => n + x.targets.filter((g) => g.verdict === 'ACCEPT').length, 0);
  return `\nThrough load balancers\n${t.toString()}\n${list.length} listener${list.length === 1 ? '' : 's'} reachable from the internet, ${reached} target${reached === 1 ? '' : 's'} reached through them\n`;
}
