// NAT gateways and their interfaces.
import type { Path } from '../load/diagnostics.js';
import type * as M from './model.js';
import { allocate, checkPrivate, claim, claimPublic } from './addresses.js';
import { type Binder, type Draft, src, str, subnetIn } from './context.js';

/** NAT gateways: an explicit private IP is claimed now; a missing one is assigned after all explicit addresses. */
export function bindNatGateways(b: Binder, t: Draft): void {
  const { interfaces, interfaceByIp, interfaceByPublicIp, natGateways, pendingAlloc } = t;
  b.each('natGateways', (raw, path) => {
    const subnet = subnetIn(b, raw, path);
    if (!subnet) return;
    // A NAT gateway's interface takes "a private IP address from the IP address range of the subnet" (IPv4)
    // (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateNatGateway.html): not in an IPv6-only subnet.
    if (!subnet.cidr)
      return b.error(
        'NAT_IN_IPV6_ONLY_SUBNET',
        `NAT gateway '${raw.id}' is in IPv6-only subnet '${subnet.id}'; a NAT gateway needs an IPv4 address`,
        [...path, 'subnet'],
        { hint: 'put it in a subnet with an IPv4 cidr (NAT64 still serves IPv6-only subnets routed to it)' },
      );
    const connectivity = (str(raw.connectivity) as 'public' | 'private') ?? 'public';
    const id = raw.id;
    const build = (privateIp: number | undefined) => {
      if (privateIp === undefined) return;
      let publicIp: number | undefined;
      if (raw.publicIp !== undefined) {
        const p: Path = [...path, 'publicIp'];
        publicIp = b.ip(raw.publicIp, p, `Elastic IP of '${id}'`, 4) as number | undefined;
        if (publicIp !== undefined && connectivity === 'private') b.error('INVALID_VALUE', `private NAT gateway '${id}' cannot have an Elastic IP`, p);
        if (publicIp !== undefined && !claimPublic(b, t, publicIp, id, p)) publicIp = undefined;
      } else if (connectivity === 'public') {
        // https://docs.aws.amazon.com/vpc/latest/userguide/vpc-nat-gateway.html — a public NAT gateway must be associated with an Elastic IP
        b.error('MISSING_KEY', `public NAT gateway '${id}' needs publicIp (its Elastic IP)`, path, { hint: 'or set connectivity: private' });
      }
      const eni: M.NetworkInterface = {
        kind: 'network-interface',
        id: str(raw.interfaceId) ?? `eni-${id}`,
        src: src(path),
        subnet,
        vpc: subnet.vpc,
        privateIp,
        secondaryPrivateIps: [],
        ipv6Addresses: [],
        publicIp,
        securityGroups: [],
        sourceDestCheck: false,
        sourceNat: false,
        owner: { type: 'none' },
        explicit: false,
      };
      const nat = b.register<M.NatGateway>({
        kind: 'nat-gateway',
        id,
        name: str(raw.name),
        src: src(path),
        subnet,
        vpc: subnet.vpc,
        connectivity,
        privateIp,
        publicIp,
        eni,
      });
      eni.owner = { type: 'nat-gateway', nat };
      subnet.interfaces.push(eni);
      interfaces.push(eni);
      if (!interfaceByIp.has(privateIp)) interfaceByIp.set(privateIp, eni);
      if (publicIp !== undefined) interfaceByPublicIp.set(publicIp, eni);
      natGateways.push(nat);
    };
    if (raw.privateIp !== undefined) {
      const p: Path = [...path, 'privateIp'];
      const a = b.ip(raw.privateIp, p, `private IP of '${id}'`, 4) as number | undefined;
      if (a !== undefined && checkPrivate(b, subnet, a, id, p) && claim(b, t, subnet.vpc, a, id, p)) build(a);
    } else pendingAlloc.push(() => build(allocate(b, t, subnet, id, path)));
  });
}
