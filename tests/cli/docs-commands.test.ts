// The commands shown in README.md and docs/*.md still run. Every `$ vpcsim …` / `$ npx vpcsim …` line in a fenced
// block that reads only shipped files (scenarios/, tests/fixtures/) and writes nothing is run through the built CLI:
// it must not fail as bad input (unless the page shows it failing so) nor print an internal error or a stack trace,
// and where the page shows its output, the first line shown must be the first line printed.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const PAGES = [
  'README.md',
  ...readdirSync(join(ROOT, 'docs'))
    .filter((f) => f.endsWith('.md'))
    .map((f) => `docs/${f}`),
];
const MAX_COMMANDS = 96;

interface DocCommand {
  page: string;
  line: number;
  text: string;
  args: string[];
  /** how the shown output is cut: `| head -n N`, `| tail -N`, or not at all */
  cut: { kind: 'head' | 'tail' | 'none'; n: number } | null;
  /** the first line of output the page shows, if it shows any (not for an excerpt) */
  shown?: string;
  /** the exit status the page shows (`$ echo $?`, `exit N`), 2 when it shows an error, else 0 or 1 */
  expect: number | 'answer';
}

/** Shell words: single and double quotes, backslash escapes; enough for the pages' command lines. */
function words(s: string): string[] | null {
  const out: string[] = [];
  let cur: string | null = null;
  for (let i = 0; i < s.length; i++) {
    const ch = s[i]!;
    if (ch === "'") {
      const end = s.indexOf("'", i + 1);
      if (end < 0) return null;
      cur = (cur ?? '') + s.slice(i + 1, end);
      i = end;
    } else if (ch === '"') {
      const end = s.indexOf('"', i + 1);
      if (end < 0) return null;
      cur = (cur ?? '') + s.slice(i + 1, end);
      i = end;
    } else if (ch === ' ' || ch === '\t') {
      if (cur !== null) out.push(cur);
      cur = null;
    } else if ('|;&><`$'.includes(ch))
      return null; // anything the shell would interpret: handled by the caller
    else cur = (cur ?? '') + ch;
  }
  if (cur !== null) out.push(cur);
  return out;
}

/** The part before a pipe or `; echo …`, and how a pipe cuts the output. */
function split(cmd: string): { main: string; cut: DocCommand['cut'] } | null {
  const [main, ...rest] = cmd.split(/\s*(?:\||;)\s*/);
  if (rest.length === 0) return { main: main!, cut: { kind: 'none', n: 0 } };
  const tail = rest.join(' | ');
  if (/^echo "exit \$\?"$/.test(tail)) return { main: main!, cut: { kind: 'none', n: 0 } };
  const m = /^(head|tail) (?:-n )?-?(\d+)$/.exec(tail);
  return m ? { main: main!, cut: { kind: m[1] as 'head' | 'tail', n: Number(m[2]) } } : { main: main!, cut: null };
}

const SHIPPED = /^(scenarios|tests\/fixtures)\//;
const WRITES = new Set(['-o', '--output', '--diagram']);

/** The arguments, when the command reads only shipped files and writes none. */
function runnable(main: string): string[] | null {
  const m = /^(?:npx )?vpcsim (.*)$/.exec(main);
  if (!m) return null;
  const args = words(m[1]!);
  if (!args || args.some((a) => WRITES.has(a) || a === '-')) return null;
  // every argument that names a file must name a shipped one
  const files = args.filter((a) => !a.startsWith('-') && (a.includes('/') || /\.(ya?ml|json|csv|jsonl|tfstate)$/.test(a)) && !/^[0-9a-f:.]+\/\d+$/i.test(a));
  return files.every((f) => SHIPPED.test(f)) ? args : null;
}

/** The exit status a page shows for the command whose output is `after`, as described on DocCommand. */
function shownStatus(after: string[]): DocCommand['expect'] {
  for (let k = 0; k < after.length; k++) {
    if (after[k] === '$ echo $?' && /^\d+$/.test(after[k + 1] ?? '')) return Number(after[k + 1]);
    const m = /^exit (\d+)$/.exec(after[k]!);
    if (m) return Number(m[1]);
  }
  return after.some((l) => l.startsWith('vpcsim: ') || l.startsWith('FAILED ') || l === '  "errors": [') ? 2 : 'answer';
}

function extract(page: string): DocCommand[] {
  const lines = readFileSync(join(ROOT, page), 'utf8').split('\n');
  const out: DocCommand[] = [];
  let fence = false;
  for (let i = 0; i < lines.length; i++) {
    if (lines[i]!.startsWith('```')) fence = !fence;
    if (fence && lines[i - 1] === '```sh') {
      // the README's `npm install && npx vpcsim …`: the vpcsim part, output not shown
      const cmd = lines[i]!.split(' && ').find((s) => s.startsWith('npx vpcsim '));
      const args = cmd && runnable(cmd);
      if (args) out.push({ page, line: i + 1, text: cmd, args, cut: { kind: 'none', n: 0 }, expect: 'answer' });
    }
    if (!fence || !lines[i]!.startsWith('$ ')) continue;
    let text = lines[i]!.slice(2);
    const at = i + 1;
    while (text.endsWith('\\') && i + 1 < lines.length) text = `${text.slice(0, -1)} ${lines[++i]!.trim()}`;
    // a trailing shell comment (`# (excerpt)`) says the output shown is not all of it
    const comment = /\s+#\s.*$/.exec(text);
    if (comment) text = text.slice(0, comment.index);
    const after: string[] = [];
    for (let j = i + 1; j < lines.length && !lines[j]!.startsWith('```') && !(lines[j]!.startsWith('$ ') && lines[j] !== '$ echo $?'); j++)
      after.push(lines[j]!);
    const shown = !comment && after.length && after[0] !== '$ echo $?' ? after[0] : undefined;
    const parts = split(text);
    const args = parts && runnable(parts.main);
    if (args) out.push({ page, line: at, text, args, cut: parts.cut, shown, expect: shownStatus(after) });
  }
  return out;
}

const commands = PAGES.flatMap(extract).filter((c, k, all) => all.findIndex((d) => d.text === c.text) === k);

/** Runs every command in one shell, one node process each, output separated by a marker with the exit code. */
function runAll(list: DocCommand[]): { code: number; output: string }[] {
  const quote = (a: string) => `'${a.replace(/'/g, `'\\''`)}'`;
  const script = list.map((c) => `node bin/vpcsim.js ${c.args.map(quote).join(' ')} 2>&1 </dev/null; echo "@@vpcsim-docs $?"`).join('\n');
  const env: Record<string, string | undefined> = { ...process.env, NO_COLOR: '1' };
  delete env.COLUMNS;
  const r = spawnSync('bash', ['-c', script], { cwd: ROOT, encoding: 'utf8', env, maxBuffer: 256 * 1024 * 1024 });
  const parts = r.stdout.split(/^@@vpcsim-docs (\d+)\n/m);
  const results: { code: number; output: string }[] = [];
  for (let k = 0; k + 1 < parts.length; k += 2) results.push({ output: parts[k]!, code: Number(parts[k + 1]) });
  return results;
}

function firstShownLine(output: string, cut: NonNullable<DocCommand['cut']>): string | undefined {
  const lines = output.replace(/\n$/, '').split('\n');
  return cut.kind === 'tail' ? lines.slice(-cut.n)[0] : lines[0];
}

describe('the commands in README.md and docs/ still run', () => {
  it('finds the pages’ commands, a modest number of them', () => {
    expect(commands.length).toBeGreaterThanOrEqual(30);
    expect(commands.length).toBeLessThanOrEqual(MAX_COMMANDS);
    const pages = new Set(commands.map((c) => c.page));
    for (const p of ['README.md', 'docs/validate.md', 'docs/show.md', 'docs/trace.md', 'docs/cidr.md', 'docs/check.md', 'docs/scenarios.md'])
      expect(pages, p).toContain(p);
  });

  it('each exits as the page shows, without an internal error, and prints the first line the page shows', { timeout: 300_000 }, () => {
    const results = runAll(commands);
    expect(results).toHaveLength(commands.length);
    const problems: string[] = [];
    commands.forEach((c, k) => {
      const { code, output } = results[k]!;
      const where = `${c.page}:${c.line} $ ${c.text}`;
      if (c.expect === 'answer' ? code !== 0 && code !== 1 : code !== c.expect)
        problems.push(`${where}: exit ${code}, the page shows ${c.expect === 'answer' ? '0 or 1' : c.expect}\n${output.slice(0, 400)}`);
      if (/internal error|^\s+at .+:\d+:\d+\)?$/im.test(output)) problems.push(`${where}: internal error or stack trace\n${output.slice(0, 400)}`);
      if (c.shown !== undefined && c.cut) {
        const got = firstShownLine(output, c.cut);
        if (got?.trimEnd() !== c.shown.trimEnd()) problems.push(`${where}: the page shows\n  ${c.shown}\nthe command prints\n  ${got}`);
      }
    });
    expect(problems, problems.join('\n\n')).toEqual([]);
  });
});

describe('the README tutorial', () => {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const tutorial = readme.slice(readme.indexOf('## Tutorial'), readme.indexOf('## Where next'));
  const blocks = [...tutorial.matchAll(/```(\w*)\n([\s\S]*?)```/g)].map((m) => ({ lang: m[1], body: m[2]! }));
  const yaml = blocks.filter((b) => b.lang === 'yaml').map((b) => b.body);
  const shown = blocks.filter((b) => b.body.startsWith('$ ')).map((b) => b.body.split('\n'));

  it('runs as written: the REJECT, the fix, every flow to the database, the gate passing and then failing', { timeout: 120_000 }, () => {
    const dir = mkdtempSync(join(tmpdir(), 'vpcsim-tutorial-'));
    const file = join(dir, 'shop.yaml');
    const env: Record<string, string | undefined> = { ...process.env, NO_COLOR: '1' };
    delete env.COLUMNS;
    const run = (line: string) => {
      const [main, pipe] = line.slice(2).split(' | ');
      const r = spawnSync(process.execPath, [join(ROOT, 'bin/vpcsim.js'), ...main!.replace(/^npx vpcsim /, '').split(' ')], {
        cwd: dir,
        encoding: 'utf8',
        env,
      });
      const out = r.stdout.replace(/\n$/, '').split('\n');
      return { code: r.status, out: pipe === 'tail -1' ? out.slice(-1) : out };
    };
    // each shown block: the command, then the output the page shows
    const expectShown = (block: string[], code: number) => {
      const r = run(block[0]!);
      expect(r.code, block[0]).toBe(code);
      expect(r.out.join('\n'), block[0]).toBe(block.slice(1).join('\n').replace(/\n$/, ''));
    };
    writeFileSync(file, yaml[0]!);
    expectShown(shown[0]!, 0); // validate
    expectShown(shown[1]!, 1); // trace: REJECT
    writeFileSync(file, yaml[0]!.replace('ports: 5432, source: 10.0.9.0/24', 'ports: 5432, source: sg-web'));
    expectShown(shown[2]!, 0); // the fix
    expectShown(shown[3]!, 0); // reach: every flow to the database
    writeFileSync(file, `${readFileSync(file, 'utf8')}${yaml[1]!}`);
    expectShown(shown[4]!, 0); // check passes
    writeFileSync(file, readFileSync(file, 'utf8').replace('ports: 443, source: 0.0.0.0/0', 'ports: all, source: 0.0.0.0/0'));
    expectShown(shown[5]!, 1); // check fails
    rmSync(dir, { recursive: true, force: true });
  });
});
