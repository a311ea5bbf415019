// npm run bench [-- --compare bench/baseline.json] [--sizes small,medium,large] [--runs N] [--skip-growth]
// Measures load/bind, single-trace latency, batch throughput (in process and through the CLI, end to end), check
// and CLI start-up on estates of three sizes, prints a table and writes bench/results.json. Figures are medians of
// several runs, with min and max. The machine's load average is recorded: on a shared machine, compare the ratios
// measured within one run (verdict-only against the explaining tracer, --version against `node -e 0`).
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir, cpus, totalmem, loadavg } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { measureLoad } from './load.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : dflt;
};
const sizes = opt('sizes', 'small,medium,large').split(',');
const runs = Number(opt('runs', '5'));
const compare = opt('compare', undefined);

const lib = await import(join(root, 'dist/index.js'));
const { trace, traceVerdict } = await import(join(root, 'dist/trace/trace.js'));
const { runFlows, parseFlowTable } = await import(join(root, 'dist/cli/batch-cmd.js'));
const { traceColumns } = await import(join(root, 'dist/cli/batch-run.js'));
const { VerdictBatch } = await import(join(root, 'dist/trace/compiled-batch.js'));
const gen = await import(join(root, 'dist/generate/generate.js'));
let check;
try {
  check = await import(join(root, 'dist/check/check.js'));
} catch {
  check = undefined;
}

let reachLib;
let exposureLib;
try {
  reachLib = await import(join(root, 'dist/reach/reach.js'));
  exposureLib = await import(join(root, 'dist/reach/exposure.js'));
} catch {
  reachLib = undefined;
}
let diffLib;
try {
  diffLib = await import(join(root, 'dist/diff/diff.js'));
} catch {
  diffLib = undefined;
}

const stats = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const q = (p) => s[Math.min(s.length - 1, Math.floor(p * s.length))];
  return { median: q(0.5), min: s[0], max: s[s.length - 1], p50: q(0.5), p99: q(0.99) };
};
const time = (f) => {
  const t0 = process.hrtime.bigint();
  const v = f();
  return [Number(process.hrtime.bigint() - t0) / 1e6, v];
};

const dir = mkdtempSync(join(tmpdir(), 'vpcsim-bench-'));
const results = {
  machine: { cpus: cpus().length, model: cpus()[0]?.model, memGiB: +(totalmem() / 2 ** 30).toFixed(1), loadAvgAtStart: loadavg().map((x) => +x.toFixed(1)) },
  node: process.version,
  date: new Date().toISOString(),
  sizes: {},
};

function estate(size) {
  if (size === 'small') {
    const file = join(root, 'scenarios/three-tier.yaml');
    const t = lib.loadTopology(file).topology;
    const ids = t.instances.map((i) => i.id);
    const flows = [];
    for (let i = 0; i < 1000; i++)
      flows.push({ from: ids[i % ids.length], to: ids[(i * 7 + 1) % ids.length], protocol: 'tcp', port: [22, 443, 8080, 5432][i % 4] });
    return { file, flows };
  }
  const data = gen.generateTopology({ ...gen.GENERATE_PRESETS[size], seed: 1 });
  const file = join(dir, `${size}.json`);
  writeFileSync(file, JSON.stringify(data));
  // The mix of a large estate: mostly cross-VPC through the transit gateway (see TRANSIT_MIX).
  const flows = gen.sampleFlows(data, 100_000, 2, { mix: gen.TRANSIT_MIX }).map(({ from, to, protocol, port }) => ({ from, to, protocol, port }));
  return { file, flows };
}

/** CPU milliseconds (user + system) and wall milliseconds of f. */
function cpuTime(f) {
  const c0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  f();
  const c = process.cpuUsage(c0);
  return { wall: Number(process.hrtime.bigint() - t0) / 1e6, cpu: (c.user + c.system) / 1000 };
}

/** Batch trace through the CLI, end to end: 100k flows minus 1k flows cancels the load, as seen by the user. */
function cliBatch(file, flows, size, jobs = 1) {
  const big = join(dir, `${size}-flows.jsonl`);
  const small = join(dir, `${size}-flows-1k.jsonl`);
  const lines = flows.map((f) => JSON.stringify(f));
  writeFileSync(big, `${lines.join('\n')}\n`);
  writeFileSync(small, `${lines.slice(0, 1000).join('\n')}\n`);
  const run = (f) => {
    const t0 = process.hrtime.bigint();
    const r = spawnSync(process.execPath, [join(root, 'bin/vpcsim.js'), 'trace', file, '--batch', f, '--jobs', String(jobs)], {
      stdio: ['ignore', 'ignore', 'pipe'],
      maxBuffer: 1 << 26,
    });
    if (r.status !== 0) throw new Error(`batch run failed: ${r.stderr}`);
    return Number(process.hrtime.bigint() - t0) / 1e6;
  };
  const xs = [];
  for (let i = 0; i < 3; i++) {
    const a = run(small);
    const b = run(big);
    xs.push(((flows.length - 1000) / Math.max(1, b - a)) * 1000);
  }
  return stats(xs);
}

/** Load + bind in a fresh process, so peak RSS is the topology's own. */
function loadInChild(file) {
  const code = `
    const lib = await import(${JSON.stringify(join(root, 'dist/index.js'))});
    const { readFileSync } = await import('node:fs');
    const text = readFileSync(${JSON.stringify(file)}, 'utf8');
    let t0 = performance.now();
    ${file.endsWith('.json') ? 'JSON.parse(text);' : "(await import('yaml')).parseDocument(text);"}
    const parse = performance.now() - t0;
    t0 = performance.now();
    const r = lib.loadTopology(${JSON.stringify(file)});
    const total = performance.now() - t0;
    if (!r.topology) throw new Error('does not bind: ' + r.diagnostics[0]?.message);
    console.log(JSON.stringify({ parse, total, rss: process.resourceUsage().maxRSS * 1024 }));`;
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', code], { encoding: 'utf8', maxBuffer: 1 << 24 });
  return JSON.parse(out.trim().split('\n').pop());
}

function cliMedian(argv, n) {
  const xs = [];
  for (let i = 0; i < n; i++) {
    const t0 = process.hrtime.bigint();
    spawnSync(process.execPath, argv, { stdio: 'ignore' });
    xs.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  return stats(xs);
}

for (const size of sizes) {
  process.stderr.write(`${size}: generating…\n`);
  const { file, flows } = estate(size);
  const r = {};
  process.stderr.write(`${size}: load + bind…\n`);
  const loads = [];
  for (let i = 0; i < (size === 'large' ? 3 : runs); i++) loads.push(loadInChild(file));
  r.parseMs = stats(loads.map((l) => l.parse));
  r.loadBindMs = stats(loads.map((l) => l.total));
  r.bindOverParse = +(r.loadBindMs.median / r.parseMs.median - 1).toFixed(2);
  r.peakRssMiB = stats(loads.map((l) => l.rss / 2 ** 20));
  if (file.endsWith('.json')) r.loadCpu = measureLoad(file, 3);
  // the document as written, which diff reads beside the bound topology (docs/api.md)
  const loaded = lib.loadFile(file);
  const t = lib.bind(loaded).topology;

  process.stderr.write(`${size}: single traces…\n`);
  const lat = [];
  const sample = flows.slice(0, 2000);
  for (const f of sample.slice(0, 200)) trace(t, f); // warm-up
  for (const f of sample) {
    const t0 = process.hrtime.bigint();
    trace(t, f);
    lat.push(Number(process.hrtime.bigint() - t0) / 1e3);
  }
  r.traceLatencyUs = stats(lat);

  process.stderr.write(`${size}: batch…\n`);
  const batch = flows.map((f, i) => ({ ...f, line: i + 1 }));
  const tput = [];
  const tputCpu = [];
  // The first pass builds the per-topology indexes the flows meet (route, ACL and group tables), once, as bind
  // builds its own; it is reported apart (batchFirstPass), and the figures are the passes after it.
  const first = cpuTime(() => runFlows(t, batch));
  r.batchFirstPass = { wallMs: Math.round(first.wall), cpuMs: Math.round(first.cpu), flowsPerCpuSec: Math.round((batch.length / first.cpu) * 1000) };
  for (let i = 0; i < Math.max(1, Math.min(runs, 3)); i++) {
    const v = cpuTime(() => runFlows(t, batch));
    tput.push((batch.length / v.wall) * 1000);
    tputCpu.push((batch.length / v.cpu) * 1000);
  }
  r.batchFlowsPerCpuSec = stats(tputCpu);
  r.batchFlows = batch.length;
  // The share of the batch decided on the compiled path (the rest falls back to the tracer in verdict-only mode).
  const vb = new VerdictBatch(t);
  for (const f of flows) {
    try {
      vb.verdict(f);
    } catch {
      // a flow the tracer refuses counts as not compiled
    }
  }
  r.compiledShare = +(vb.compiled / flows.length).toFixed(3);
  r.batchFlowsPerSec = stats(tput);
  // What `trace --batch` runs on its parsed columns (no flow or row objects), once the code is warm: two passes
  // first, not counted (runFlows above built the tables).
  const columns = parseFlowTable(Buffer.from(batch.map(({ line: _, ...f }) => JSON.stringify(f)).join('\n')), 'bench');
  for (let i = 0; i < 2; i++) traceColumns(t, columns);
  const colCpu = [];
  for (let i = 0; i < Math.max(runs, 5); i++) colCpu.push((columns.count / cpuTime(() => traceColumns(t, columns)).cpu) * 1000);
  r.columnsFlowsPerCpuSec = stats(colCpu);

  // Verdict-only tracing against the explaining tracer (what batch runs used before), in the same run.
  process.stderr.write(`${size}: verdict-only and explained…\n`);
  const verdict = [];
  const explained = [];
  const verdictCpu = [];
  for (let i = 0; i < Math.min(runs, 3); i++) {
    const v = cpuTime(() => {
      for (const f of flows) traceVerdict(t, f);
    });
    verdict.push((flows.length / v.wall) * 1000);
    verdictCpu.push((flows.length / v.cpu) * 1000);
    const e = cpuTime(() => {
      for (const f of flows) trace(t, { ...f, explain: false, flowLogs: false });
    });
    explained.push((flows.length / e.wall) * 1000);
  }
  r.verdictFlowsPerSec = stats(verdict);
  r.verdictFlowsPerCpuSec = stats(verdictCpu);
  r.explainedFlowsPerSec = stats(explained);
  r.verdictOverExplained = +(r.verdictFlowsPerSec.median / r.explainedFlowsPerSec.median).toFixed(2);
  if (size !== 'small') {
    process.stderr.write(`${size}: batch through the CLI…\n`);
    r.cliBatchFlowsPerSec = cliBatch(file, flows, size);
    // --jobs 2 against --jobs 1 in the same run: the scaling on this machine's cores (wall time, as users see it)
    process.stderr.write(`${size}: batch through the CLI, --jobs 2…\n`);
    r.cliBatchJobs2FlowsPerSec = cliBatch(file, flows, size, 2);
    r.jobs2Scaling = +(r.cliBatchJobs2FlowsPerSec.median / r.cliBatchFlowsPerSec.median).toFixed(2);
  }

  if (check?.checkFiles && size !== 'large') {
    process.stderr.write(`${size}: check…\n`);
    const xs = [];
    // All lint rules plus one whole-subnet, all-ports assertion.
    const subnet = size === 'small' ? 'db-a' : 'sn-001-data-a';
    const assertionsFile = join(dir, `${size}-assertions.yaml`);
    writeFileSync(
      assertionsFile,
      `- { name: nothing from the internet reaches the data tier, from: internet, to: "subnet:${subnet}", protocol: tcp, ports: 0-65535, expect: reject }\n`,
    );
    for (let i = 0; i < 3; i++) xs.push(time(() => check.checkFiles([file], { assertionsFile }))[0]);
    r.checkMs = stats(xs);
  }
  // vpcsim diagram --focus end to end (start-up, load, bind, graph, SVG by wasm Graphviz): under 2 s for 1,000 VPCs
  process.stderr.write(`${size}: diagram --focus…\n`);
  const focus = t.vpcs[Math.floor(t.vpcs.length / 2)].id;
  r.diagramFocusMs = cliMedian([join(root, 'bin/vpcsim.js'), 'diagram', file, '--focus', focus, '--format', 'svg', '-o', join(dir, `${size}-focus.svg`)], 3);
  if (reachLib) {
    // reach --to one interface of the data tier (its security group admits only the app tier), and exposure
    // (exposure of the large estate only with --exposure-large: it runs for minutes)
    process.stderr.write(`${size}: reach…\n`);
    const target = t.instances.find((i) => i.id.includes('data'))?.id ?? t.instances.find((i) => i.id.startsWith('db'))?.id ?? t.instances[0].id;
    const xs = [];
    for (let i = 0; i < Math.min(runs, 3); i++) xs.push(time(() => reachLib.reach(t, { to: target }))[0]);
    r.reachToMs = stats(xs);
    if (size !== 'large' || args.includes('--exposure-large')) {
      process.stderr.write(`${size}: exposure…\n`);
      const before = process.memoryUsage().rss;
      r.exposureMs = stats([time(() => exposureLib.exposure(t))[0]]);
      r.exposureRssMiB = +((process.memoryUsage().rss - before) / 2 ** 20).toFixed(0);
    }
  }
  if (diffLib) {
    // diff: the estate against a copy with one more inbound rule on a database group (both bound first, as the CLI
    // does): only flows to that group's members are classified, on both sides (docs/diff.md)
    process.stderr.write(`${size}: diff…\n`);
    const changed = structuredClone(loaded.data);
    const group = changed.securityGroups.find((g) => /db/.test(g.id)) ?? changed.securityGroups[0];
    group.inbound = [...(group.inbound ?? []), { protocol: 'tcp', ports: 5432, source: '10.255.1.0/24' }];
    const after = lib.loadTopologyFromData(changed).topology;
    const before = { topology: t, data: loaded.data };
    const afterSide = { topology: after, data: changed };
    const xs = [];
    for (let i = 0; i < Math.min(runs, 3); i++) xs.push(time(() => diffLib.diff(before, afterSide, {}))[0]);
    r.diffOneRuleMs = stats(xs);
  }
  results.sizes[size] = r;
}

// Growth of the rules and binder steps that used to be quadratic: time per input size, and the ratio of the
// largest to the smallest against the ratio of their sizes (near-linear growth keeps the two close).
const stress = await import(join(root, 'bench/stress.mjs'));
const growthCases = [
  { name: 'check: one route table (VPC015)', unit: 'routes', sizes: [10_000, 20_000, 50_000], make: stress.manyRoutes, run: (f) => check.checkFiles([f], {}) },
  { name: 'check: one network ACL (VPC011)', unit: 'rules', sizes: [8_000, 16_000, 32_000], make: stress.manyAclRules, run: (f) => check.checkFiles([f], {}) },
  {
    name: 'validate: unknown security groups (did-you-mean)',
    unit: 'instances',
    sizes: [2_000, 4_000, 8_000],
    make: stress.unknownReferences,
    run: (f) => lib.loadTopology(f),
    yaml: true,
  },
];
results.growth = {};
if (!args.includes('--skip-growth') && check?.checkFiles) {
  for (const g of growthCases) {
    process.stderr.write(`growth: ${g.name}…\n`);
    const rows = g.sizes.map((n) => {
      const f = join(dir, `growth-${g.unit}-${n}.${g.yaml ? 'yaml' : 'json'}`);
      writeFileSync(f, g.make(n));
      const xs = [];
      for (let i = 0; i < Math.min(runs, 3); i++) xs.push(time(() => g.run(f))[0]);
      return { n, ms: stats(xs) };
    });
    const first = rows[0];
    const last = rows[rows.length - 1];
    results.growth[g.name] = { unit: g.unit, rows, sizeRatio: last.n / first.n, timeRatio: +(last.ms.median / first.ms.median).toFixed(2) };
  }
}
// Importing a create-only Terraform plan of 1,000 VPCs (8,000 resources, links only as references): target ≤ 3 s.
{
  process.stderr.write('terraform plan import…\n');
  const { terraformPlan } = await import('./terraform-plan.mjs');
  const { importTerraform } = await import(join(root, 'dist/import/terraform/index.js'));
  const planFile = join(dir, 'plan-1000-vpcs.json');
  writeFileSync(planFile, JSON.stringify(terraformPlan(1000)));
  const xs = [];
  let imported;
  for (let i = 0; i < Math.min(runs, 3); i++) {
    const [ms, r] = time(() => importTerraform(planFile));
    xs.push(ms);
    imported = r;
  }
  results.terraform = {
    vpcs: imported.topology.vpcs.length,
    resources: Object.values(imported.summary.imported).reduce((a, b) => a + b, 0),
    bytes: readFileSync(planFile).length,
    importMs: stats(xs),
  };
}

process.stderr.write('start-up…\n');
const bin = join(root, 'bin/vpcsim.js');
const nodeBase = cliMedian(['-e', '0'], 15);
const version = cliMedian([bin, '--version'], 15);
const smallTrace = cliMedian([bin, 'trace', join(root, 'scenarios/three-tier.yaml'), '--from', 'bastion', '--to', 'app-1', '--port', '22'], 15);
results.startup = {
  nodeMs: nodeBase,
  versionMs: version,
  smallTraceMs: smallTrace,
  versionRatio: +(version.median / nodeBase.median).toFixed(2),
  smallTraceRatio: +(smallTrace.median / nodeBase.median).toFixed(2),
};

const f1 = (x) => (x === undefined ? '-' : x >= 100 ? x.toFixed(0) : x.toFixed(1));
const rng = (s) => (s ? `${f1(s.median)} (${f1(s.min)}–${f1(s.max)})` : '-');
const lines = ['| figure | ' + sizes.join(' | ') + ' |', '|---|' + sizes.map(() => '---').join('|') + '|'];
const row = (label, get) => lines.push(`| ${label} | ${sizes.map((s) => get(results.sizes[s])).join(' | ')} |`);
row('parse ms', (r) => rng(r.parseMs));
row('load + bind ms', (r) => rng(r.loadBindMs));
row('bind / parse overhead', (r) => `${Math.round(r.bindOverParse * 100)}%`);
row('peak RSS MiB', (r) => rng(r.peakRssMiB));
row('load + bind / JSON.parse, CPU (load alone)', (r) => (r.loadCpu ? `${r.loadCpu.cpuRatio.toFixed(2)}× (${r.loadCpu.loadRatio.toFixed(2)}×)` : '-'));
row('trace p50 µs', (r) => f1(r.traceLatencyUs.p50));
row('trace p99 µs', (r) => f1(r.traceLatencyUs.p99));
row('batch flows/s (runFlows)', (r) => rng(r.batchFlowsPerSec));
row('flows on the compiled path', (r) => (r.compiledShare === undefined ? '-' : `${(r.compiledShare * 100).toFixed(1)}%`));
row('verdict-only flows/s', (r) => rng(r.verdictFlowsPerSec));
row('verdict-only flows per CPU-s', (r) => rng(r.verdictFlowsPerCpuSec));
row('explained flows/s', (r) => rng(r.explainedFlowsPerSec));
row('verdict-only / explained', (r) => `${r.verdictOverExplained}×`);
row('CLI batch flows/s, end to end (target ≥ 250000)', (r) => rng(r.cliBatchFlowsPerSec));
row('CLI batch --jobs 2 flows/s', (r) => rng(r.cliBatchJobs2FlowsPerSec));
row('--jobs 2 / --jobs 1 (target: ~2× on 2 idle cores)', (r) => (r.jobs2Scaling === undefined ? '-' : `${r.jobs2Scaling}×`));
row('in-process verdict-only flows per CPU-s (target ≥ 500000)', (r) => rng(r.batchFlowsPerCpuSec));
row('  on columns (traceColumns, what trace --batch runs), warm, flows per CPU-s', (r) => (r.columnsFlowsPerCpuSec ? rng(r.columnsFlowsPerCpuSec) : '-'));
row('  its first pass (indexes built): ms of CPU, flows per CPU-s', (r) =>
  r.batchFirstPass ? `${r.batchFirstPass.cpuMs}, ${r.batchFirstPass.flowsPerCpuSec}` : '-',
);
row('check ms', (r) => rng(r.checkMs));
row('diagram --focus svg ms', (r) => rng(r.diagramFocusMs));
row('reach --to ms', (r) => rng(r.reachToMs));
row('exposure ms', (r) => rng(r.exposureMs));
row('diff, one SG rule ms', (r) => rng(r.diffOneRuleMs));
row('exposure RSS growth MiB', (r) => (r.exposureRssMiB === undefined ? '-' : String(r.exposureRssMiB)));
results.machine.loadAvgAtEnd = loadavg().map((x) => +x.toFixed(1));
lines.push(
  '',
  `machine: ${results.machine.cpus} × ${results.machine.model}, load average ${results.machine.loadAvgAtStart[0]} at start, ${results.machine.loadAvgAtEnd[0]} at end`,
);
lines.push(
  '',
  `start-up: node -e 0 ${f1(nodeBase.median)} ms; vpcsim --version ${f1(version.median)} ms (${results.startup.versionRatio}×); trace on three-tier ${f1(smallTrace.median)} ms (${results.startup.smallTraceRatio}×)`,
);
for (const [name, g] of Object.entries(results.growth)) {
  lines.push(
    '',
    `${name}: ${g.rows.map((r) => `${r.n.toLocaleString('en-US')} ${g.unit} ${f1(r.ms.median)} ms`).join(', ')}; ${g.sizeRatio}× the size took ${g.timeRatio}× the time`,
  );
}
const tf = results.terraform;
lines.push(
  `terraform import: a create-only plan of ${tf.vpcs} VPCs (${tf.resources} resources, ${(tf.bytes / 2 ** 20).toFixed(1)} MiB) in ${rng(tf.importMs)} ms (target ≤ 3000)`,
);
console.log(lines.join('\n'));
writeFileSync(join(root, 'bench/results.json'), `${JSON.stringify(results, null, 2)}\n`);

if (compare) {
  if (!existsSync(compare)) {
    console.error(`--compare: ${compare} not found`);
    process.exit(2);
  }
  const base = JSON.parse(readFileSync(compare, 'utf8'));
  const worse = [];
  const cmp = (label, now, then, higherIsBetter) => {
    if (now === undefined || then === undefined) return;
    const change = higherIsBetter ? then / now - 1 : now / then - 1;
    if (change > 0.2) worse.push(`${label}: ${f1(then)} → ${f1(now)} (${Math.round(change * 100)}% worse)`);
  };
  for (const s of sizes) {
    const a = results.sizes[s];
    const b = base.sizes?.[s];
    if (!b) continue;
    cmp(`${s} load+bind ms`, a.loadBindMs.median, b.loadBindMs?.median, false);
    cmp(`${s} trace p99 µs`, a.traceLatencyUs.p99, b.traceLatencyUs?.p99, false);
    cmp(`${s} batch flows/s`, a.batchFlowsPerSec.median, b.batchFlowsPerSec?.median, true);
    cmp(`${s} verdict-only flows/s`, a.verdictFlowsPerSec?.median, b.verdictFlowsPerSec?.median, true);
    cmp(`${s} CLI batch flows/s`, a.cliBatchFlowsPerSec?.median, b.cliBatchFlowsPerSec?.median, true);
    cmp(`${s} verdict-only flows per CPU-s`, a.verdictFlowsPerCpuSec?.median, b.verdictFlowsPerCpuSec?.median, true);
    cmp(`${s} share of flows on the compiled path`, a.compiledShare, b.compiledShare, true);
    cmp(`${s} check ms`, a.checkMs?.median, b.checkMs?.median, false);
    cmp(`${s} diagram --focus ms`, a.diagramFocusMs?.median, b.diagramFocusMs?.median, false);
  }
  cmp('startup trace ms', results.startup.smallTraceMs.median, base.startup?.smallTraceMs?.median, false);
  if (worse.length) {
    console.log(`\nRegressions over 20% against ${compare}:\n  ${worse.join('\n  ')}`);
    process.exit(1);
  }
  console.log(`\nNo regression over 20% against ${compare}.`);
}
