// `import aws` of AWS Network Firewall (describe-firewall, describe-firewall-policy, describe-rule-group): the firewall,
// its policy and rule groups are imported, and routes to its endpoints stop being blackholes.
import { describe, expect, it } from 'vitest';
import { importAwsFiles, loadTopologyFromData, type AwsFile, type ImportResult } from '../../src/index.js';
import { trace } from '../../src/trace/trace.js';
import { byId, listOf, synthDump, type Obj } from '../helpers/aws-synth.js';

const run = (files: AwsFile[]): ImportResult => importAwsFiles(files, {}, { name: 'synth' });
const errors = (r: ImportResult) =>
  loadTopologyFromData(r.topology)
    .diagnostics.filter((d) => d.severity === 'error')
    .map((d) => `${d.code} ${d.message}`);
const out = (file: string, data: Obj): AwsFile => ({ file, dir: '', region: 'us-east-1', account: '111122223333', data });

/** A synthetic account whose first route table sends 0.0.0.0/0 to a firewall endpoint in the first subnet. */
function withFirewall(): { files: AwsFile[]; subnet: Obj; rt: Obj } {
  const files = synthDump({ vpcs: 1 });
  const subnet = listOf(files, 'Subnets')[0] as Obj;
  // the route table of the first instance's subnet (explicitly associated, else its VPC's main table)
  const inst = ((listOf(files, 'Reservations')[0] as Obj).Instances as Obj[])[0]!;
  const tables = listOf(files, 'RouteTables') as Obj[];
  const assoc = (t: Obj) => (t.Associations as Obj[]) ?? [];
  const rt =
    tables.find((t) => assoc(t).some((a) => a.SubnetId === inst.SubnetId)) ??
    tables.find((t) => t.VpcId === inst.VpcId && assoc(t).some((a) => a.Main === true))!;
  rt.Routes = (rt.Routes as Obj[]).filter((r) => r.GatewayId === 'local');
  (rt.Routes as Obj[]).push({ DestinationCidrBlock: '0.0.0.0/0', GatewayId: 'vpce-0fw0000000000000a', Origin: 'CreateRoute', State: 'active' });
  // https://docs.aws.amazon.com/network-firewall/latest/APIReference/API_DescribeFirewall.html (Firewall, FirewallStatus.SyncStates)
  files.push(
    out('Firewall.fw.json', {
      UpdateToken: 't',
      Firewall: {
        FirewallName: 'fw',
        FirewallArn: 'arn:aws:network-firewall:us-east-1:111122223333:firewall/fw',
        FirewallPolicyArn: 'arn:aws:network-firewall:us-east-1:111122223333:firewall-policy/pol',
        VpcId: subnet.VpcId,
        SubnetMappings: [{ SubnetId: subnet.SubnetId }],
      },
      FirewallStatus: {
        Status: 'READY',
        SyncStates: {
          [subnet.AvailabilityZone as string]: { Attachment: { SubnetId: subnet.SubnetId, EndpointId: 'vpce-0fw0000000000000a', Status: 'READY' } },
        },
      },
    }),
  );
  // https://docs.aws.amazon.com/network-firewall/latest/APIReference/API_DescribeFirewallPolicy.html
  files.push(
    out('FirewallPolicy.pol.json', {
      UpdateToken: 't',
      FirewallPolicyResponse: { FirewallPolicyName: 'pol', FirewallPolicyArn: 'arn:aws:network-firewall:us-east-1:111122223333:firewall-policy/pol' },
      FirewallPolicy: {
        StatelessDefaultActions: ['aws:forward_to_sfe'],
        StatelessFragmentDefaultActions: ['aws:forward_to_sfe'],
        StatefulRuleGroupReferences: [{ ResourceArn: 'arn:aws:network-firewall:us-east-1:111122223333:stateful-rulegroup/no-ssh' }],
      },
    }),
  );
  // https://docs.aws.amazon.com/network-firewall/latest/APIReference/API_StatefulRule.html (Action, Header)
  files.push(
    out('RuleGroup.no-ssh.json', {
      UpdateToken: 't',
      RuleGroupResponse: { RuleGroupName: 'no-ssh', Type: 'STATEFUL' },
      RuleGroup: {
        RulesSource: {
          StatefulRules: [
            {
              Action: 'DROP',
              Header: { Protocol: 'TCP', Source: 'ANY', SourcePort: 'ANY', Direction: 'FORWARD', Destination: 'ANY', DestinationPort: '22' },
              RuleOptions: [],
            },
          ],
        },
      },
    }),
  );
  return { files, subnet, rt };
}

describe('import aws: Network Firewall', () => {
  it('imports the firewall, its policy and rule group, and keeps the route to its endpoint', () => {
    const { files, rt } = withFirewall();
    const r = run(files);
    expect(errors(r)).toEqual([]);
    expect(byId(r.topology.networkFirewalls as Obj[], 'fw')).toMatchObject({
      firewallPolicy: 'pol',
      subnetMappings: [{ endpointId: 'vpce-0fw0000000000000a' }],
    });
    expect(byId(r.topology.firewallRuleGroups as Obj[], 'no-ssh')).toMatchObject({
      type: 'STATEFUL',
      rules: [{ protocol: 'tcp', ports: '22', action: 'DROP' }],
    });
    const table = byId(r.topology.routeTables as Obj[], rt.RouteTableId as string);
    expect(table.routes).toContainEqual({ destination: '0.0.0.0/0', target: 'vpce-0fw0000000000000a' });
    expect(r.warnings.map((w) => w.code)).not.toContain('ROUTE_BLACKHOLE');
  });

  it('without the firewall in the dump, the route is a blackhole that says why', () => {
    const { files } = withFirewall();
    const r = run(files.filter((f) => !f.file.startsWith('Firewall.')));
    expect(r.warnings.map((w) => w.code)).toContain('ROUTE_BLACKHOLE');
  });

  it('the imported rule decides a trace', () => {
    const { files } = withFirewall();
    const t = loadTopologyFromData(run(files).topology).topology!;
    const inst = t.instances.find((i) => i.subnet.routeTable.routes.some((x) => x.target.type === 'inspection'));
    expect(inst).toBeDefined();
    expect(trace(t, { from: inst!.id, to: '198.51.100.7', protocol: 'tcp', port: 22 }).reason).toBe('FIREWALL_STATEFUL_DROP');
  });
});
