// node bench/reach.mjs [--sizes medium,large] [--runs 3] [--only reach,exposure] [--out bench/reach-results.json]
// `reach --to` one interface of the data tier and `exposure` of the whole estate, on estates from `vpcsim generate`
// (seed 1). Each row runs in a fresh process: load time, the query's wall and CPU milliseconds (median of --runs for
// reach, one run for exposure; firstCpuMs: the first query of the process alone), and peak resident memory after
// loading and after the query (the bound: the query at most doubles the memory of loading the estate). The
// load average is printed with every row: on a shared machine wall times follow it, CPU times and trace counts much
// less.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : dflt;
};

const mib = (kb) => Math.round(kb / 1024);
const cpuMs = (u0, u1) => Math.round((u1.user - u0.user + u1.system - u0.system) / 1000);

async function child(file, what, runs) {
  // as the CLI runs (src/cli/main.ts)
  (await import('node:v8')).setFlagsFromString('--no-allocation-site-pretenuring');
  const lib = await import(join(root, 'dist/index.js'));
  const t0 = performance.now();
  const t = lib.loadTopology(file).topology;
  const loadMs = Math.round(performance.now() - t0);
  const rssLoad = process.resourceUsage().maxRSS;
  const out = { loadMs, rssLoadMiB: mib(rssLoad) };
  const times = [];
  const cpus = [];
  if (what === 'reach') {
    const { reach } = await import(join(root, 'dist/reach/reach.js'));
    // an interface of the data tier: its security group admits the app tier and a few other networks
    const target = t.instances.find((i) => i.id.includes('data'))?.id ?? t.instances[0].id;
    for (let i = 0; i < runs; i++) {
      const u0 = process.cpuUsage();
      const s = performance.now();
      const r = reach(t, { to: target });
      times.push(performance.now() - s);
      cpus.push(cpuMs(u0, process.cpuUsage()));
      Object.assign(out, { target, rows: r.rows.length, traces: r.stats.traces, classes: r.stats.classes });
    }
  } else {
    const { exposure } = await import(join(root, 'dist/reach/exposure.js'));
    const u0 = process.cpuUsage();
    const s = performance.now();
    const r = exposure(t);
    times.push(performance.now() - s);
    cpus.push(cpuMs(u0, process.cpuUsage()));
    Object.assign(out, { findings: r.findings, traces: r.stats.traces, classes: r.stats.classes });
  }
  const med = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  // the first query of a process builds the per-topology structures (and runs before the code is optimised): what a
  // CLI user waits for, reported apart from the median
  Object.assign(out, {
    ms: Math.round(med(times)),
    minMs: Math.round(Math.min(...times)),
    cpuMs: med(cpus),
    firstCpuMs: cpus[0],
    rssPeakMiB: mib(process.resourceUsage().maxRSS),
  });
  out.memRatio = +(out.rssPeakMiB / out.rssLoadMiB).toFixed(2);
  process.stdout.write(JSON.stringify(out));
}

async function main() {
  const sizes = opt('sizes', 'medium,large').split(',');
  const runs = Number(opt('runs', '3'));
  const only = opt('only', 'reach,exposure').split(',');
  const gen = await import(join(root, 'dist/generate/generate.js'));
  const dir = mkdtempSync(join(tmpdir(), 'vpcsim-bench-reach-'));
  const rows = [];
  for (const size of sizes) {
    const file = join(dir, `${size}.json`);
    writeFileSync(file, JSON.stringify(gen.generateTopology({ ...gen.GENERATE_PRESETS[size], seed: 1 })));
    for (const what of only) {
      const load = loadavg()[0].toFixed(1);
      process.stderr.write(`${size} ${what} (load ${load})…\n`);
      const r = spawnSync(process.execPath, ['--max-old-space-size=4096', fileURLToPath(import.meta.url), '--child', file, what, String(runs)], {
        encoding: 'utf8',
        maxBuffer: 1 << 24,
      });
      if (r.status !== 0) throw new Error(`${size} ${what} failed: ${r.stderr}`);
      rows.push({ size, what: what === 'reach' ? 'reach --to' : 'exposure', loadAvg: +load, ...JSON.parse(r.stdout) });
    }
  }
  const cols = ['size', 'what', 'ms', 'cpuMs', 'firstCpuMs', 'traces', 'classes', 'loadMs', 'rssLoadMiB', 'rssPeakMiB', 'memRatio', 'loadAvg'];
  console.log(cols.join('\t'));
  for (const r of rows) console.log(cols.map((c) => r[c] ?? '-').join('\t'));
  const outFile = opt('out', undefined);
  if (outFile) writeFileSync(outFile, `${JSON.stringify({ date: new Date().toISOString(), node: process.version, rows }, null, 2)}\n`);
}

if (args[0] === '--child') await child(args[1], args[2], Number(args[3]));
else await main();
