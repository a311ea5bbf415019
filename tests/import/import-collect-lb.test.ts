// scripts/collect-aws.sh collects load balancers: elbv2 describe-load-balancers, describe-target-groups, per
// load balancer describe-listeners, per target group describe-target-health (with its TargetGroupArn added by
// --query), elb describe-load-balancers. A stand-in `aws` answers from tests/fixtures/aws/load-balancers.
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importAws } from '../../src/index.js';

const ROOT = join(import.meta.dirname, '../..');
const WEST = join(import.meta.dirname, '../fixtures/aws/load-balancers/us-west-2');

// The stub: ec2 describe-* → <Key>.json of the fixture (or an empty list); elbv2/elb calls answered from the
// LB files. `--query` with `--output text` lists ARNs; the target-health query wraps the list with its ARN.
const STUB = `#!/usr/bin/env node
const fs = require('node:fs');
const path = require('node:path');
const [svc, cmd, ...rest] = process.argv.slice(2);
fs.appendFileSync(process.env.AWS_STUB_LOG, [svc, cmd, ...rest].join(' ') + '\\n');
const dir = process.env.AWS_STUB_DIR;
const arg = (k) => rest[rest.indexOf(k) + 1];
const read = (f) => JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8'));
const text = rest.includes('text');
if (svc === 'sts') { console.log('999988887777'); process.exit(0); }
if (svc === 'elb') { console.log(JSON.stringify(read('ClassicLoadBalancers.json'))); process.exit(0); }
if (svc === 'elbv2') {
  if (cmd === 'describe-load-balancers') {
    const d = read('LoadBalancers.json');
    const gateway = arg('--query').includes("Type=='gateway'");
    if (text) console.log(d.LoadBalancers.filter((l) => (l.Type === 'gateway') === gateway).map((l) => l.LoadBalancerArn).join('\\t'));
    else console.log(JSON.stringify(d));
  } else if (cmd === 'describe-target-groups') {
    const d = read('TargetGroups.json');
    console.log(text ? d.TargetGroups.map((g) => g.TargetGroupArn).join('\\t') : JSON.stringify(d));
  } else if (cmd === 'describe-listeners') {
    const lb = arg('--load-balancer-arn');
    const all = fs.readdirSync(dir).filter((f) => f.startsWith('Listeners.')).flatMap((f) => read(f).Listeners);
    console.log(JSON.stringify({ Listeners: all.filter((l) => l.LoadBalancerArn === lb) }));
  } else if (cmd === 'describe-target-health') {
    const tg = arg('--target-group-arn');
    const f = fs.readdirSync(dir).find((x) => x === 'TargetHealth.' + tg.split(':targetgroup/')[1].replace('/', '.') + '.json');
    const q = arg('--query');
    if (!q.includes("TargetGroupArn: '" + tg + "'")) process.exit(3);
    console.log(JSON.stringify({ TargetGroupArn: tg, TargetHealthDescriptions: read(f).TargetHealthDescriptions }));
  } else if (cmd === 'describe-load-balancer-attributes') {
    const lb = arg('--load-balancer-arn');
    if (!arg('--query').includes("LoadBalancerArn: '" + lb + "'")) process.exit(3);
    console.log(JSON.stringify({ LoadBalancerArn: lb, Attributes: [{ Key: 'load_balancing.cross_zone.enabled', Value: 'false' }] }));
  } else process.exit(4);
  process.exit(0);
}
if (text) process.exit(0);
const key = cmd === 'describe-instances' ? 'Reservations' : cmd === 'describe-vpc-endpoint-service-configurations' ? 'ServiceConfigurations' : cmd.replace(/^describe-/, '').replace(/-([a-z])/g, (_, c) => c.toUpperCase()).replace(/^[a-z]/, (c) => c.toUpperCase());
const f = path.join(dir, key + '.json');
console.log(fs.existsSync(f) ? fs.readFileSync(f, 'utf8') : JSON.stringify({ [key]: [] }));
`;

describe('scripts/collect-aws.sh: load balancers', () => {
  it('makes only read-only elbv2/elb calls and writes files that import like the fixture', () => {
    const dir = mkdtempSync(join(tmpdir(), 'vpcsim-collect-lb-'));
    const bin = join(dir, 'bin');
    execFileSync('mkdir', ['-p', bin]);
    writeFileSync(join(bin, 'aws'), STUB);
    chmodSync(join(bin, 'aws'), 0o755);
    const log = join(dir, 'calls.log');
    const out = join(dir, 'dump');
    execFileSync('bash', [join(ROOT, 'scripts/collect-aws.sh'), '-o', out, 'us-west-2'], {
      env: { ...process.env, PATH: `${bin}:${process.env.PATH}`, AWS_STUB_LOG: log, AWS_STUB_DIR: WEST },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const calls = readFileSync(log, 'utf8').trim().split('\n');
    for (const c of calls.slice(1))
      expect(c).toMatch(/^(ec2 (describe|get|search)|elbv2 describe|elb describe|directconnect describe|network-firewall (list|describe))-[a-z-]+ /);
    expect(calls).toContain('elb describe-load-balancers --region us-west-2 --output json');
    // the gateway load balancer's listeners are not asked for
    expect(calls.filter((c) => c.startsWith('elbv2 describe-listeners'))).toHaveLength(2);

    const files = readdirSync(join(out, '999988887777', 'us-west-2')).sort();
    expect(files).toEqual(
      expect.arrayContaining([
        'LoadBalancers.json',
        'TargetGroups.json',
        'ClassicLoadBalancers.json',
        'Listeners.app.shop-web.50dc6c495c0c9188.json',
        'Listeners.net.shop-api.73e2d6bc24d8a067.json',
        'TargetHealth.shop-web-8080.73e2d6bc24d8a067.json',
        'TargetHealth.shop-api-9000.1a2b3c4d5e6f7081.json',
      ]),
    );
    const health = JSON.parse(readFileSync(join(out, '999988887777', 'us-west-2', 'TargetHealth.shop-api-9000.1a2b3c4d5e6f7081.json'), 'utf8'));
    expect(health.TargetGroupArn).toBe('arn:aws:elasticloadbalancing:us-west-2:123456789012:targetgroup/shop-api-9000/1a2b3c4d5e6f7081');

    const original = importAws(WEST);
    const collected = importAws(out);
    expect(collected.summary.counts).toEqual(original.summary.counts);
    expect(collected.topology.targetGroups).toEqual(original.topology.targetGroups);
    expect(collected.topology.listeners).toEqual(original.topology.listeners);
    expect(collected.warnings).toEqual([]);
  });
});
