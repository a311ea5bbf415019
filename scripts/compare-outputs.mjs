#!/usr/bin/env node
// Behaviour guard for refactors: runs a fixed list of vpcsim commands over the shipped scenarios and fixtures and
// compares stdout, stderr and exit code of each with a saved baseline, byte for byte.
//
//   node scripts/compare-outputs.mjs --save [dir]   record the baseline (before a change)
//   node scripts/compare-outputs.mjs [dir]          compare with it (after); exit 1 on any difference
//
// The baseline directory defaults to .compare-outputs/ (git-ignored). Build first (`npm run build`): the commands
// run bin/vpcsim.js, which loads dist/.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const save = args.includes('--save');
const baselineDir = resolve(root, args.find((a) => !a.startsWith('--')) ?? '.compare-outputs');

const scenarios = readdirSync(join(root, 'scenarios'))
  .filter((f) => f.endsWith('.yaml'))
  .sort()
  .map((f) => `scenarios/${f}`);
const broken = readdirSync(join(root, 'scenarios/broken'))
  .filter((f) => f.endsWith('.yaml'))
  .sort()
  .map((f) => `scenarios/broken/${f}`);

// The trace examples each scenario's header comment lists (`#   vpcsim trace ...`), text and --json.
function scenarioTraces() {
  const out = [];
  for (const file of scenarios) {
    for (const line of readFileSync(join(root, file), 'utf8').split('\n')) {
      const m = /^#\s+vpcsim (trace .*?)(?:\s+#.*)?\s*\\?$/.exec(line);
      if (!m) continue;
      const words = m[1]
        .trim()
        .split(/\s+/)
        .filter((w) => w !== '--json');
      out.push(words, [...words, '--json']);
    }
  }
  return out;
}

function perScenario() {
  const out = [];
  for (const f of scenarios) {
    out.push(['validate', f], ['show', f], ['show', f, '--json'], ['check', f], ['check', f, '--format', 'json']);
    out.push(['exposure', f], ['exposure', f, '--json'], ['diagram', f, '--format', 'dot'], ['diagram', f, '--format', 'mermaid']);
  }
  for (const f of broken) out.push(['check', f], ['check', f, '--format', 'json']);
  return out;
}

const fixed = [
  ['--help'],
  ['schema'],
  ['check', 'scenarios/'],
  ['check', 'scenarios/', '--format', 'sarif'],
  ['check', 'scenarios/broken/', '--format', 'github'],
  ['validate', 'scenarios/broken/VPC001-sg-open-ssh.yaml', 'tests/fixtures/canonical-with-error.yaml'],
  ['validate', 'tests/fixtures/canonical-with-error.yaml', '--json'],
  ['validate', 'tests/fixtures/aws/hybrid-cloud/us-east-2', '--json'],
  ['show', 'scenarios/three-tier.yaml', 'sg-app'],
  ['show', 'scenarios/three-tier.yaml', 'web-1', '--json'],
  ['show', 'scenarios/alb-web.yaml', 'alb-web'],
  ['show', 'scenarios/tgw-hub.yaml', 'tgw-hub', '--json'],
  ['show', 'scenarios/three-tier.yaml', 'no-such-thing'],
  ['trace', 'scenarios/three-tier.yaml', '--from', 'web-1', '--to', 'db-1', '--protocol', 'all', '--json'],
  ['trace', 'scenarios/three-tier.yaml', '--from', 'web-1', '--to', 'db-1', '--protocol', 'icmp'],
  ['trace', 'scenarios/three-tier.yaml', '--from', 'web-1', '--to', 'db-1', '--protocol', 'udp', '--port', '53'],
  ['trace', 'scenarios/three-tier.yaml', '--from', 'web-1', '--to', 'db-1', '--port', '70000'],
  ['trace', 'scenarios/three-tier.yaml', '--from', 'web-1', '--to', 'db-1', '--port', 'abc', '--json'],
  ['trace', 'scenarios/three-tier.yaml', '--from', 'web-1', '--to', 'db-1', '--protocol', 'xyz'],
  ['trace', 'scenarios/three-tier.yaml', '--from', 'web-1', '--to', 'nowhere', '--port', '22'],
  ['trace', 'scenarios/three-tier.yaml', '--from', 'web-1', '--to', 'db-1', '--port', '5432', '--flow-logs', '--json'],
  ['trace', 'scenarios/three-tier.yaml', '--from', 'web-1', '--to', 'db-1', '--source-port', '0', '--port', '22'],
  ['trace', 'tests/fixtures/aws/hybrid-cloud/us-east-2', '--from', 'internet', '--to', 'internet', '--port', '443'],
  ['reach', 'scenarios/three-tier.yaml', '--to', 'db-1'],
  ['reach', 'scenarios/three-tier.yaml', '--from', 'internet', '--to', 'web-1', '--ports', '80,443', '--json'],
  ['reach', 'scenarios/tgw-hub.yaml', '--from', 'prod-1'],
  ['reach', 'scenarios/alb-web.yaml', '--to', 'web-a', '--json'],
  ['reach', 'scenarios/three-tier.yaml', '--to', 'db-1', '--ports', '99999'],
  ['diff', 'tests/fixtures/diff/base.yaml', 'tests/fixtures/diff/after.yaml'],
  ['diff', 'tests/fixtures/diff/base.yaml', 'tests/fixtures/diff/after.yaml', '--json'],
  ['diff', 'tests/fixtures/diff/base.yaml', 'tests/fixtures/diff/db-open.yaml', '--format', 'markdown'],
  ['diff', '--plan', 'tests/fixtures/terraform/update-plan-0.1.json', '--json'],
  ['cidr', '10.0.0.0/16'],
  ['cidr', '10.0.0.0/16', '--json'],
  ['cidr', '10.0.1.7/24'],
  ['cidr', '2600:1f13:cfe:3600::/56', '--json'],
  ['cidr', '--table'],
  ['cidr', '--table', '--ipv6', '--json'],
  ['cidr', 'split', '10.0.0.0/24', '--prefix', '26'],
  ['cidr', 'split', '10.0.0.0/24', '--count', '4', '--json'],
  ['cidr', 'plan', '10.0.0.0/16', '--azs', '3', '--tiers', 'public,private,data'],
  ['cidr', 'plan', '10.0.0.0/16', '--azs', '2', '--tiers', 'public,private', '--sizes', 'public=/24,private=/20', '--json'],
  ['cidr', 'plan', '10.0.0.0/28', '--azs', '3', '--tiers', 'a,b', '--prefix', '24'],
  ['cidr', 'contains', '10.0.0.0/16', '10.0.1.7', '10.1.0.0/24'],
  ['cidr', 'contains', '10.0.0.0/16', '10.0.1.0/24', '--json'],
  ['cidr', 'overlap', '10.0.0.0/16', '10.0.1.0/24', '192.168.0.0/24'],
  ['cidr', 'overlap', '10.0.0.0/24', '10.0.1.0/24', '--json'],
  ['cidr', 'free', '10.0.0.0/16', '--used', '10.0.0.0/24,10.0.4.0/22'],
  ['cidr', 'free', '10.0.0.0/16', '--used', '10.0.0.0/24', '--json'],
  ['cidr', 'summarize', '10.0.0.0/24', '10.0.1.0/24', '10.0.2.0/23'],
  ['cidr', 'summarize', '10.0.0.0/24', '10.0.1.0/24', '--json'],
  ['cidr', 'split', '--help'],
  ['check', '--list-rules'],
  ['check', '--list-rules', '--json'],
  ['cidr', '10.0.0.0/33'],
  ['cidr', '10.0.0.1/16'],
  ['cidr', '10.0.0.0/29'],
  ['cidr', '--help'],
  ['generate', '--size', 'small', '--seed', '1'],
  ['generate', '--size', 'small', '--seed', '2', '--format', 'json'],
  ['generate', '--vpcs', '5', '--hub', 'peering-mesh', '--seed', '7'],
  ['generate', '--vpcs', '4', '--hub', 'tgw', '--seed', '3', '--sg-rules', '40', '--nacl-rules', '0'],
  ['generate', '--size', 'medium', '--seed', '5', '--format', 'json'],
  ['generate', '--vpcs', '2', '--hub', 'none', '--subnets-per-vpc', '3', '--instances-per-subnet', '1'],
  ['generate', '--size', 'huge'],
  ['generate', '--help'],
  ['import', 'aws', 'tests/fixtures/aws/hybrid-cloud', '--region', 'us-east-2'],
  ['import', 'aws', 'tests/fixtures/aws/hybrid-cloud/us-west-2', '--format', 'json'],
  ['import', 'aws', 'tests/fixtures/aws/hybrid-cloud'],
  ['import', 'aws', 'tests/fixtures/aws/load-balancers'],
  ['import', 'aws', 'no/such/folder'],
  ['import', 'terraform', 'tests/fixtures/terraform/basic-plan-1.2.json'],
  ['import', 'terraform', 'tests/fixtures/terraform/update-plan-0.1.json', '--before', '--format', 'json'],
  ['import', 'terraform', 'tests/fixtures/terraform/hub.tfstate'],
  ['import', 'terraform', 'tests/fixtures/terraform/module-vpc-plan-1.0.json'],
  ['nosuchcommand'],
  ['FORCE_COLOR=3', 'trace', 'scenarios/three-tier.yaml', '--from', 'web-1', '--to', 'db-1', '--port', '5432'],
  ['FORCE_COLOR=1', 'check', 'scenarios/broken/VPC001-sg-open-ssh.yaml'],
  ['FORCE_COLOR=2', 'show', 'scenarios/three-tier.yaml', 'sg-app'],
  ['FORCE_COLOR=3', 'reach', 'scenarios/three-tier.yaml', '--to', 'db-1'],
  ['FORCE_COLOR=3', 'cidr', '10.0.0.0/16'],
  ['FORCE_COLOR=3', '--no-color', 'trace', 'scenarios/three-tier.yaml', '--from', 'web-1', '--to', 'db-1', '--port', '5432'],
  ['NO_COLOR=1', 'diff', 'tests/fixtures/diff/base.yaml', 'tests/fixtures/diff/after.yaml'],
  ['trace', '--help'],
  ['check', '--help'],
  ['import', 'aws', '--help'],
];

const commands = [...scenarioTraces(), ...perScenario(), ...fixed];

// Fixed environment: no colour, a fixed terminal width, no inherited vpcsim settings.
const env = { PATH: process.env.PATH, HOME: process.env.HOME, COLUMNS: '100', LANG: 'C.UTF-8', TZ: 'UTC' };

// A leading `FORCE_COLOR=N` word sets that variable for the one command (the colour paths).
function run(words) {
  const extra = /^[A-Z_]+=/.test(words[0]) ? Object.fromEntries([words[0].split('=')]) : {};
  const argv = Object.keys(extra).length ? words.slice(1) : words;
  return new Promise((done) => {
    const child = spawn(process.execPath, [join(root, 'bin/vpcsim.js'), ...argv], { cwd: root, env: { ...env, ...extra } });
    const out = [];
    const err = [];
    child.stdout.on('data', (b) => out.push(b));
    child.stderr.on('data', (b) => err.push(b));
    child.stdin.end();
    child.on('close', (code) => {
      done(`$ vpcsim ${words.join(' ')}\n--- exit ${code}\n--- stdout\n${Buffer.concat(out)}\n--- stderr\n${Buffer.concat(err)}`);
    });
  });
}

async function runAll() {
  const results = new Array(commands.length);
  let next = 0;
  const worker = async () => {
    while (next < commands.length) {
      const i = next++;
      results[i] = await run(commands[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(2, availableParallelism())) }, worker));
  return results;
}

const fileOf = (i) => join(baselineDir, `${String(i).padStart(3, '0')}.txt`);

const results = await runAll();
if (save) {
  mkdirSync(baselineDir, { recursive: true });
  results.forEach((r, i) => writeFileSync(fileOf(i), r));
  writeFileSync(join(baselineDir, 'count'), `${results.length}\n`);
  console.log(`saved ${results.length} command outputs to ${baselineDir}`);
} else {
  if (!existsSync(join(baselineDir, 'count'))) {
    console.error(`no baseline in ${baselineDir}: run with --save first, before the change`);
    process.exit(2);
  }
  let differ = 0;
  results.forEach((r, i) => {
    const before = existsSync(fileOf(i)) ? readFileSync(fileOf(i), 'utf8') : '';
    if (before === r) return;
    differ++;
    console.log(`DIFFERS: ${r.split('\n')[0]}`);
    const a = before.split('\n');
    const b = r.split('\n');
    const at = a.findIndex((line, k) => line !== b[k]);
    console.log(`  first difference at line ${at + 1}:\n  - ${a[at]}\n  + ${b[at]}`);
  });
  console.log(`${results.length} commands, ${results.length - differ} identical, ${differ} differ`);
  process.exit(differ ? 1 : 0);
}
