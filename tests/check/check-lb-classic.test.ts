// VPC024 on Classic Load Balancers: `healthCheck.target` (TCP:<port>, SSL:<port>, HTTP:<port>/<path>, HTTPS:<port>/<path>)
// is checked from the nodes to each registered instance, as target group health checks are.
// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-ec2-elb-health-check.html
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkFiles } from '../../src/check/check.js';
import { loadTopologyFromData } from '../../src/index.js';
import { lbData } from '../helpers/load-balancer-fixture.js';

const dir = mkdtempSync(join(tmpdir(), 'vpcsim-classic-hc-'));

function classic(healthCheck: unknown, type = 'classic') {
  return lbData({
    lb: { type, instances: type === 'classic' ? ['web-a', 'web-b'] : undefined, healthCheck },
    listeners: type === 'classic' ? [{ id: 'l80', loadBalancer: 'lb', protocol: 'TCP', port: 80, instancePort: 8080 }] : undefined,
    targetGroups: type === 'classic' ? [] : undefined,
  });
}

function check(healthCheck: unknown) {
  const text = JSON.stringify(classic(healthCheck), null, 2);
  const file = join(dir, `hc-${Math.abs(JSON.stringify(healthCheck).length)}.json`);
  writeFileSync(file, text);
  const line = text.split('\n').findIndex((l) => l.includes('"healthCheck"')) + 1;
  return { findings: checkFiles([file]).findings.filter((f) => f.ruleId === 'VPC024'), line };
}

describe('VPC024 on classic load balancers', () => {
  it('reports a health check port the instances refuse, at the healthCheck line, once per instance, with the blocking group', () => {
    const { findings, line } = check({ target: 'HTTP:8081/health' });
    expect(findings.map((f) => [f.line, f.severity])).toEqual([
      [line, 'error'],
      [line, 'error'],
    ]);
    expect(findings[0]!.message).toContain("health checks of classic load balancer 'lb' (HTTP:8081/health) from node");
    expect(findings[0]!.message).toMatch(/to 'web-a': it is blocked by 'sg-web' \(ENI_SG_RULES_MISMATCH\)/);
    expect(findings[1]!.message).toContain("to 'web-b'");
  });

  it('passes when the check goes to the port the instances admit from the load balancer', () => {
    expect(check({ target: 'TCP:8080' }).findings).toEqual([]);
  });

  it('bad health check targets and a healthCheck on an application load balancer are positioned errors', () => {
    const bad = (hc: unknown, type?: string) => loadTopologyFromData(classic(hc, type), 'lb.json').diagnostics.map((d) => `${d.code} ${d.message}`);
    expect(bad({ target: 'HTTP:80' })).toEqual(["INVALID_VALUE health check target 'HTTP:80' of classic load balancer 'lb'"]);
    expect(bad({ target: 'UDP:53' })).toEqual(["INVALID_VALUE health check target 'UDP:53' of classic load balancer 'lb'"]);
    expect(bad({ target: 'TCP:80' }, 'application')[0]).toMatch(/^INVALID_VALUE 'healthCheck' on application load balancer 'lb'/);
  });
});
