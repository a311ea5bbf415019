// node bench/load.mjs [estate.json] [--vpcs N] [--runs N]
// Load + bind of a JSON estate against a bare JSON.parse of the same file: CPU time (user + system, which the
// machine's load moves less than wall time) and peak RSS, each in a fresh process, medians of several runs.
// Without a file it generates an estate shaped like the `large` preset with --vpcs VPCs (default 3,000; SG and NACL
// rules scaled with it). Needs `npm run build`.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Run `body` in a fresh process after reading `file`; it prints { cpu, load?, rss } measured around `body`. */
function child(file, body) {
  const code = `
    const { readFileSync } = await import('node:fs');
    const lib = await import(${JSON.stringify(join(root, 'dist/index.js'))});
    const load = await import(${JSON.stringify(join(root, 'dist/load/load.js'))});
    const bindMod = await import(${JSON.stringify(join(root, 'dist/bind/bind.js'))});
    const file = ${JSON.stringify(file)};
    const cpu = () => { const c = process.cpuUsage(); return (c.user + c.system) / 1000; };
    const c0 = cpu();
    const out = {};
    ${body}
    out.cpu = cpu() - c0;
    out.rss = process.resourceUsage().maxRSS * 1024;
    console.log(JSON.stringify(out));`;
  const text = execFileSync(process.execPath, ['--input-type=module', '-e', code], { encoding: 'utf8', maxBuffer: 1 << 24 });
  return JSON.parse(text.trim().split('\n').pop());
}

// JSON.parse as the loader receives it: the file read as UTF-8, then parsed.
const PARSE = `JSON.parse(readFileSync(file, 'utf8'));`;
// Load (read, check, parse, validate) and bind, timed apart.
const LOAD_BIND = `
    const loaded = load.loadFile(file);
    out.load = cpu() - c0;
    const r = bindMod.bind(loaded);
    if (!r.topology) throw new Error('does not bind: ' + r.diagnostics[0]?.message);`;

export function measureLoad(file, runs = 3) {
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const parse = [];
  const full = [];
  for (let i = 0; i < runs; i++) {
    parse.push(child(file, PARSE));
    full.push(child(file, LOAD_BIND));
  }
  const p = { cpu: median(parse.map((x) => x.cpu)), rss: median(parse.map((x) => x.rss)) };
  const f = { cpu: median(full.map((x) => x.cpu)), load: median(full.map((x) => x.load)), rss: median(full.map((x) => x.rss)) };
  return { bytes: statSync(file).size, parse: p, loadBind: f, cpuRatio: f.cpu / p.cpu, loadRatio: f.load / p.cpu, rssRatio: f.rss / p.rss };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const opt = (name, dflt) => {
    const i = args.indexOf(`--${name}`);
    return i >= 0 ? args[i + 1] : dflt;
  };
  let file = args.find((a, i) => !a.startsWith('--') && !args[i - 1]?.startsWith('--'));
  if (!file) {
    const vpcs = Number(opt('vpcs', '3000'));
    const gen = await import(join(root, 'dist/generate/generate.js'));
    const large = gen.GENERATE_PRESETS.large;
    const data = gen.generateTopology({ ...large, vpcs, sgRules: large.sgRules * (vpcs / 1000), naclRules: large.naclRules * (vpcs / 1000), seed: 1 });
    file = join(mkdtempSync(join(tmpdir(), 'vpcsim-load-')), `estate-${vpcs}.json`);
    writeFileSync(file, JSON.stringify(data));
  }
  const m = measureLoad(file, Number(opt('runs', '3')));
  const MiB = 2 ** 20;
  console.log(`${file}: ${(m.bytes / MiB).toFixed(1)} MiB`);
  console.log(`JSON.parse          ${m.parse.cpu.toFixed(0)} ms CPU, ${(m.parse.rss / MiB).toFixed(0)} MiB peak RSS`);
  console.log(
    `load + bind         ${m.loadBind.cpu.toFixed(0)} ms CPU (load ${m.loadBind.load.toFixed(0)}, bind ${(m.loadBind.cpu - m.loadBind.load).toFixed(0)}), ${(m.loadBind.rss / MiB).toFixed(0)} MiB peak RSS`,
  );
  console.log(`ratio               ${m.cpuRatio.toFixed(2)}× CPU (load alone ${m.loadRatio.toFixed(2)}×), ${m.rssRatio.toFixed(2)}× RSS (target ≤ 2×)`);
}
