#!/usr/bin/env node
// Pipeline direction check, run by `npm run lint`: every import under src/ must point down the pipeline
//   net, aws (facts) → load → bind → analyse (trace, reach, cidr, generate, import, diff) → input → check → render → cli
// Nothing below cli/ imports cli/, and only cli/ imports render/. Analyse folders may use each other (reach and diff
// run the tracer). input/ is the front door that decides what a path is (a topology, an AWS dump, a Terraform plan)
// and loads, imports and binds it; check/ runs every analysis over such inputs, so it sits above both. Static, dynamic (`await import(...)`) and type-only imports all count: a
// type import still ties a lower stage to a higher one. Import cycles between files are reported too.
//   node scripts/check-imports.mjs [srcDir]
// Exit 0 when every breach is in KNOWN (listed with the reason it stays), 1 otherwise.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
// The source tree to check: src/, or the folder given (tests/scripts/check-imports.test.ts checks a made-up tree).
const src = process.argv[2] ? resolve(process.argv[2]) : join(root, 'src');

const STAGE = {
  net: 0,
  aws: 0,
  'version.ts': 0,
  load: 1,
  bind: 2,
  trace: 3,
  reach: 3,
  cidr: 3,
  generate: 3,
  import: 3,
  diff: 3,
  input: 3.2,
  check: 3.5,
  render: 4,
  cli: 5,
  'index.ts': 4.5, // the library's public API: everything but the CLI
};
const NAMES = { 0: 'facts', 1: 'load', 2: 'bind', 3: 'analyse', 3.2: 'input', 3.5: 'check', 4: 'render', 4.5: 'api', 5: 'cli' };

// Breaches that stay for now, each with why; `from -> to` as printed.
// None today: every import points down the pipeline and no cycle remains.
const KNOWN = new Map([]);

function files(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory() ? files(join(dir, d.name)) : d.name.endsWith('.ts') ? [join(dir, d.name)] : [],
  );
}

const stageOf = (file) => STAGE[relative(src, file).split('/')[0]];
const stageName = (s) => NAMES[s];

function importsOf(file) {
  const text = readFileSync(file, 'utf8');
  const out = [];
  for (const m of text.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*|^import\s+)'(\.{1,2}\/[^']+)'/gm)) {
    out.push(resolve(dirname(file), m[1]).replace(/\.js$/, '.ts'));
  }
  return out;
}

const all = files(src);
const graph = new Map(all.map((f) => [f, importsOf(f).filter((t) => t.startsWith(src))]));

const breaches = [];
for (const [from, targets] of graph) {
  const a = stageOf(from);
  for (const to of targets) {
    const b = stageOf(to);
    if (a === undefined || b === undefined) {
      breaches.push(`${relative(src, from)} -> ${relative(src, to)} (a folder this check does not place in the pipeline)`);
      continue;
    }
    if (b > a) breaches.push(`${relative(src, from)} -> ${relative(src, to)} (${stageName(a)} imports ${stageName(b)})`);
  }
}

// Cycles: Tarjan's strongly connected components over the file graph.
function cycles() {
  let index = 0;
  const idx = new Map();
  const low = new Map();
  const stack = [];
  const on = new Set();
  const out = [];
  const visit = (v) => {
    idx.set(v, index);
    low.set(v, index++);
    stack.push(v);
    on.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!graph.has(w)) continue;
      if (!idx.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v), low.get(w)));
      } else if (on.has(w)) low.set(v, Math.min(low.get(v), idx.get(w)));
    }
    if (low.get(v) !== idx.get(v)) return;
    const scc = [];
    let w;
    do {
      w = stack.pop();
      on.delete(w);
      scc.push(relative(src, w));
    } while (w !== v);
    if (scc.length > 1) out.push(`cycle: ${scc.sort().join(' <-> ')}`);
  };
  for (const v of graph.keys()) if (!idx.has(v)) visit(v);
  return out;
}

const found = [...breaches, ...cycles()];
const known = (line) => [...KNOWN.keys()].some((k) => line.startsWith(k));
const fresh = found.filter((line) => !known(line));
for (const line of found)
  console.log(`${known(line) ? 'known  ' : 'BREACH '} ${line}${known(line) ? ` — ${KNOWN.get([...KNOWN.keys()].find((k) => line.startsWith(k)))}` : ''}`);
console.log(`check-imports: ${graph.size} files, ${found.length} breaches (${found.length - fresh.length} known)`);
process.exit(fresh.length ? 1 : 0);
