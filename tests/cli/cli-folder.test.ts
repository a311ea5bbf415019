// Commands take a folder of aws ec2 describe-* output in place of a topology file.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

const cli = (...args: string[]) => spawnSync(process.execPath, ['bin/vpcsim.js', ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
const EAST = 'tests/fixtures/aws/hybrid-cloud/us-east-2';

describe('a dump folder as the topology', () => {
  it('trace imports it on the fly', () => {
    // Both instances' groups allow all traffic from 10.0.0.0/8 and the transit gateway joins the two VPCs (see import-aws-trace).
    const r = cli('trace', EAST, '--from', 'i-01602d9efaed4409a', '--to', 'i-04cd3db5124a05ee6', '--port', '22');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('tgw-06b348adabd13452d');
    expect(r.stdout.trim().split('\n').pop()).toBe('Verdict: ACCEPT');
  });

  it('validate says OK for one region and names the regions when given several', () => {
    const one = cli('validate', EAST);
    expect(one.status).toBe(0);
    expect(one.stdout).toContain(`OK ${EAST}`);
    const both = cli('validate', 'tests/fixtures/aws/hybrid-cloud');
    expect(both.status).toBe(2);
    expect(both.stdout).toContain('AWS_DUMP_MANY_REGIONS');
    expect(both.stdout).toContain('us-east-2, us-west-2');
    expect(both.stdout + both.stderr).not.toContain('    at ');
  });
});
