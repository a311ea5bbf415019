// The load balancer line of a trace's text: which node the client reached, which listener matched, the targets.
import type { LoadBalancerLegs } from '../trace/load-balancer-types.js';

export function loadBalancerLine(lb: LoadBalancerLegs): string {
  const node = `node ${lb.node.interfaceId} in ${lb.node.az} (${lb.node.privateIp}${lb.node.publicIp ? `, public ${lb.node.publicIp}` : ''})`;
  const listener = lb.listener ? `listener ${lb.listener.id} ${lb.listener.protocol}:${lb.listener.port}` : 'no listener matches';
  const targets = lb.targets ?? [];
  const shown = targets.length > 1 ? `; targets: ${targets.map((x) => `${x.target} ${x.verdict}`).join(', ')}` : '';
  const kept = targets.some((x) => x.clientIpPreserved) ? '; client IP preserved' : '';
  return `${lb.id} (${lb.type}, ${lb.scheme}), ${node}, ${listener}${kept}${shown}`;
}
