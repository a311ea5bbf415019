// Hand-built before/after pairs, one per kind of change, each asserting the exact rows the diff reports.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { diff, failsOn } from '../../src/diff/diff.js';
import type { DiffInput, DiffResult, DiffRow } from '../../src/diff/types.js';
import { diffInputText } from '../helpers/diff-input.js';

type Doc = Record<string, any>;
const root = join(__dirname, '../..');
const base: Doc = parse(readFileSync(join(root, 'tests/fixtures/diff/base.yaml'), 'utf8'));
const hub: Doc = parse(readFileSync(join(root, 'scenarios/tgw-hub.yaml'), 'utf8'));

const load = (d: Doc): DiffInput => diffInputText(d);

function edit(d: Doc, f: (d: Doc) => void): Doc {
  const c = structuredClone(d);
  f(c);
  return c;
}

/** One line per row: change, ends, protocol, ports (source ports when narrowed), and the rejecting side's component. */
function short(r: DiffRow): string {
  const end = (e: DiffRow['source']) => (e.kind === 'interface' ? e.id : e.network);
  const ports = r.ports ? r.ports.map(([a, b]) => (a === b ? `${a}` : `${a}-${b}`)).join(',') : 'all';
  const rejecting = r.change === 'opened' ? r.before : r.after;
  return `${r.change} ${end(r.source)} > ${end(r.destination)} ${r.protocol} ${ports}${r.srcPorts ? ` from ${r.srcPorts.map(([a, b]) => (a === b ? a : `${a}-${b}`)).join(',')}` : ''} | ${rejecting.verdict === 'REJECT' ? rejecting.blockedBy : '?'}`;
}

function rows(r: DiffResult): string[] {
  return [...r.opened, ...r.closed].map(short);
}

function run(before: Doc, after: Doc): DiffResult {
  return diff(load(before), load(after), {});
}

describe('diff: hand-built pairs', () => {
  it('a security-group rule added opens exactly that port from the internet', () => {
    const r = run(
      base,
      edit(base, (d) => d.securityGroups[0].inbound.push({ protocol: 'tcp', ports: 80, source: '0.0.0.0/0' })),
    );
    expect(rows(r)).toEqual(['opened internet > web tcp 80 | sg-web']);
    const row = r.opened[0]!;
    expect(row.after).toEqual({ verdict: 'ACCEPT', path: ['internet', 'igw-a', 'vpc-a:default-acl', 'sg-web', 'web'] });
    expect(row.before).toMatchObject({ verdict: 'REJECT', blockedBy: 'sg-web' });
    expect(row.source.kind === 'external' && row.source.cidrs.includes('0.0.0.0/0')).toBe(false); // the internet minus what is not external
    expect(failsOn(r, 'internet')).toBe(true);
  });

  it('a security-group rule removed closes it', () => {
    const r = run(
      base,
      edit(base, (d) => d.securityGroups[0].inbound.splice(0, 1)),
    );
    expect(rows(r)).toEqual(['closed internet > web tcp 443 | sg-web']);
    expect(r.closed[0]!.before).toEqual({ verdict: 'ACCEPT', path: ['internet', 'igw-a', 'vpc-a:default-acl', 'sg-web', 'web'] });
    expect(failsOn(r, 'internet')).toBe(false);
    expect(failsOn(r, 'opened')).toBe(false);
    expect(failsOn(r, 'any')).toBe(true);
  });

  it('an outbound-only group change is compared for flows from its members: their outbound connections close', () => {
    const r = run(
      base,
      edit(base, (d) => (d.securityGroups[1].outbound = [])),
    );
    expect(r.scope.changed).toEqual(['sg-db']);
    expect(rows(r).sort()).toEqual(['closed db > app tcp 22 | sg-db']);
  });

  it('a network-ACL rule removed (the replies of the database) closes both flows to it', () => {
    const r = run(
      base,
      edit(base, (d) => d.networkAcls[0].outbound.splice(0, 1)),
    );
    expect(rows(r).sort()).toEqual(['closed app > db tcp 5432 | acl-db', 'closed web > db tcp 5432 | acl-db']);
  });

  it('a network-ACL rule added in front of an allow closes what it denies, replies included', () => {
    const r = run(
      base,
      edit(base, (d) => d.networkAcls[0].inbound.unshift({ rule: 90, protocol: 'tcp', ports: 5432, cidr: '10.1.0.0/16', action: 'deny' })),
    );
    // db's SSH to app gets its reply from app:22 to db's source port: 5432 is now denied on the way back
    expect(rows(r).sort()).toEqual(['closed app > db tcp 5432 | acl-db', 'closed db > app tcp 22 from 5432 | acl-db']);
  });

  it("a network-ACL rule's order changed: the deny moved before the allow", () => {
    const deny = (n: number) => (d: Doc) => d.networkAcls[0].inbound.push({ rule: n, protocol: 'tcp', ports: 5432, cidr: '10.1.0.0/16', action: 'deny' });
    const r = run(edit(base, deny(120)), edit(base, deny(90)));
    expect(rows(r).sort()).toEqual(['closed app > db tcp 5432 | acl-db', 'closed db > app tcp 22 from 5432 | acl-db']);
    const back = run(edit(base, deny(90)), edit(base, deny(120)));
    expect(rows(back).sort()).toEqual(['opened app > db tcp 5432 | acl-db', 'opened db > app tcp 22 from 5432 | acl-db']);
  });

  it('a route removed, or turned into a blackhole, closes the flows over it', () => {
    const removed = run(
      base,
      edit(base, (d) => d.routeTables[1].routes.splice(0, 1)),
    );
    expect(rows(removed).sort()).toEqual(['closed app > db tcp 5432 | rt-db', 'closed db > app tcp 22 | rt-db']);
    const blackhole = run(
      base,
      edit(base, (d) => (d.routeTables[1].routes[0] = { destination: '10.1.0.0/16', blackhole: true })),
    );
    expect(rows(blackhole).sort()).toEqual(['closed app > db tcp 5432 | rt-db', 'closed db > app tcp 22 | rt-db']);
  });

  it('a route added opens a whole VPC to another', () => {
    const r = run(
      edit(base, (d) => d.routeTables[1].routes.splice(0, 1)),
      base,
    );
    expect(rows(r).sort()).toEqual(['opened app > db tcp 5432 | rt-db', 'opened db > app tcp 22 | rt-db']);
    expect(failsOn(r, 'internet')).toBe(false);
    expect(failsOn(r, 'opened')).toBe(true);
  });

  it('a peering deleted closes what crossed it', () => {
    const r = run(
      base,
      edit(base, (d) => {
        d.peeringConnections = [];
        d.routeTables[1].routes = [];
        d.routeTables[2].routes = [];
      }),
    );
    expect(rows(r).sort()).toEqual(['closed app > db tcp 5432 | rt-b', 'closed db > app tcp 22 | rt-db']);
  });

  it('a transit-gateway propagation added opens both ways between dev and shared services', () => {
    const before = edit(hub, (d) => (d.transitGatewayRouteTables[1].propagations = []));
    const r = run(before, hub);
    // the attachment's interface in shared answers ICMP as trace models it: also new
    expect(rows(r).sort()).toEqual([
      'opened dev-1 > att-shared icmp all | tgw-rt-dev',
      'opened dev-1 > shared-1 tcp 443 | tgw-rt-dev',
      'opened shared-1 > dev-1 tcp 22 | tgw-rt-dev',
    ]);
  });

  it('a public IP added to a database that admits the world opens it to the internet', () => {
    const open = edit(base, (d) => {
      d.securityGroups[1].inbound.push({ protocol: 'tcp', ports: 5432, source: '0.0.0.0/0' });
      d.networkAcls[0].inbound.push({ rule: 200, protocol: 'tcp', ports: 5432, cidr: '0.0.0.0/0', action: 'allow' });
      d.networkAcls[0].outbound.push({ rule: 200, protocol: 'tcp', ports: '1024-65535', cidr: '0.0.0.0/0', action: 'allow' });
      d.routeTables[1].routes.push({ destination: '0.0.0.0/0', target: 'igw-a' });
    });
    const r = run(
      open,
      edit(open, (d) => (d.instances[1].publicIp = '54.0.0.11')),
    );
    // also new: db's connections out to the internet (a source port of 5432 now gets its replies through rule 200),
    // and web reaching db's new public address through the internet gateway (an address db did not have before)
    expect(rows(r)).toEqual([
      'opened internet > db tcp 5432 | null',
      'opened db > internet tcp 1024-65535 from 5432 | igw-a',
      'opened web > db tcp 5432 | null',
    ]);
    expect(r.opened[0]!.destination).toEqual({ kind: 'interface', id: 'db', addresses: ['54.0.0.11'] });
    expect(r.opened[0]!.before).toMatchObject({ verdict: 'REJECT', reason: '54.0.0.11 is not an address of db on this side' });
    expect(r.opened[2]!.before).toEqual({ verdict: 'REJECT', blockedBy: null, reason: '54.0.0.11 is not an address of db on this side' });
  });

  it('an internet gateway attached opens the web server both ways', () => {
    const before = edit(base, (d) => {
      d.internetGateways = [];
      d.routeTables[0].routes = [];
    });
    const r = run(before, base);
    // in: the VPC has no internet gateway; out: the route table has no route (one row per protocol class)
    expect(rows(r).sort()).toEqual([
      'opened internet > web tcp 443 | vpc-a',
      'opened web > internet icmp all | rt-pub',
      'opened web > internet other all | rt-pub',
      'opened web > internet tcp 0-65535 | rt-pub',
      'opened web > internet udp 0-65535 | rt-pub',
    ]);
  });

  it('a database opened to 0.0.0.0/0 without a public address or a route from the internet: no new access', () => {
    const r = run(
      base,
      edit(base, (d) => d.securityGroups[1].inbound.push({ protocol: 'tcp', ports: 5432, source: '0.0.0.0/0' })),
    );
    expect(rows(r)).toEqual([]);
    expect(r.scope.changed).toEqual(['sg-db']);
    expect(failsOn(r, 'any')).toBe(false);
  });

  it('an interface on one side only is listed under its own heading, not as opened', () => {
    const r = run(
      base,
      edit(base, (d) => d.instances.push({ id: 'web-2', subnet: 'pub-a', privateIp: '10.0.0.11', publicIp: '54.0.0.12', securityGroups: ['sg-web'] })),
    );
    expect(rows(r)).toEqual([]);
    expect(r.addedEndpoints.map((e) => e.endpoint.id)).toEqual(['web-2']);
    expect(
      r.addedEndpoints[0]!.rows.some(
        (x) => x.source.kind === 'external' && x.destination.kind === 'interface' && x.destination.id === 'web-2' && x.ports?.[0]?.[0] === 443,
      ),
    ).toBe(true);
    expect(failsOn(r, 'internet')).toBe(true);
    const back = run(
      edit(base, (d) => d.instances.push({ id: 'web-2', subnet: 'pub-a', privateIp: '10.0.0.11', securityGroups: ['sg-web'] })),
      base,
    );
    expect(back.removedEndpoints.map((e) => e.endpoint.id)).toEqual(['web-2']);
    expect(rows(back)).toEqual([]);
  });
});

describe('diff: change scope', () => {
  it('a group changed in one rule list is compared in that direction only; other changes both ways', async () => {
    const { changeScope } = await import('../../src/diff/changes.js');
    const inbound = changeScope(load(base), load(edit(base, (d) => d.securityGroups[1].inbound.push({ protocol: 'tcp', ports: 22, source: '10.0.0.0/8' }))));
    expect(inbound.ends).toEqual(new Set(['eni-db']));
    expect(inbound.oneWay.get('eni-db')).toBe('in');
    const outbound = changeScope(load(base), load(edit(base, (d) => (d.securityGroups[1].outbound = []))));
    expect(outbound.oneWay.get('eni-db')).toBe('out');
    const acl = changeScope(load(base), load(edit(base, (d) => d.networkAcls[0].inbound.pop())));
    expect(acl.ends).toEqual(new Set(['eni-db']));
    expect(acl.oneWay.size).toBe(0);
    const tgw = changeScope(load(hub), load(edit(hub, (d) => d.transitGatewayRouteTables[1].propagations.pop())));
    expect(tgw.ends).toBe('all');
    const same = changeScope(load(base), load(structuredClone(base)));
    expect(same.changed).toEqual([]);
    expect(same.ends).toEqual(new Set());
  });

  it('reads what changed from the documents it is given, not from the bound topologies', async () => {
    const { changeScope } = await import('../../src/diff/changes.js');
    const side = load(base);
    expect('data' in side.topology).toBe(false);
    const written = edit(base, (d) => d.securityGroups[1].inbound.push({ protocol: 'tcp', ports: 22, source: '10.0.0.0/8' }));
    const scope = changeScope(side, { topology: side.topology, data: written });
    expect(scope.changed).toEqual([base.securityGroups[1].id]);
    expect(scope.oneWay.get('eni-db')).toBe('in');
  });
});
