// `vpcsim check` text output: findings grouped by file, `line:col severity RULE message`, the hint, the
// evidence (a failed assertion's trace), and a summary line.
import type { CheckReport, Finding } from '../check/types.js';
import { c } from './color.js';

function sev(f: Finding): string {
  const k = c();
  const s = f.severity.padEnd(7);
  return f.severity === 'error' ? k.red.bold(s) : f.severity === 'warning' ? k.yellow(s) : k.blue(s);
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

export function renderCheckText(r: CheckReport, opts: { verbose?: boolean } = {}): string {
  const k = c();
  const out: string[] = [];
  for (const file of r.files) {
    const shown = file.findings.filter((f) => !f.suppressed || opts.verbose);
    const failed = file.assertions.filter((a) => !a.passed).length;
    const passed = file.assertions.length - failed;
    const mark = shown.some((f) => f.severity === 'error' && !f.suppressed) ? k.red('✗') : k.green('✓');
    out.push(
      `${mark} ${k.bold.underline(file.file)}  ${k.dim(`${plural(file.assertions.length, 'assertion')}: ${passed} passed${failed ? `, ${failed} failed` : ''}`)}`,
    );
    for (const f of shown) {
      const where = `${f.file}:${f.line}:${f.col}`;
      out.push(`  ${k.dim(where)}  ${sev(f)} ${k.bold(f.ruleId)}  ${f.message}${f.suppressed ? k.dim(` (suppressed: ${f.suppressed.reason})`) : ''}`);
      if (f.hint) out.push(`      ${k.cyan('hint:')} ${f.hint}`);
      if (f.evidence && f.ruleId === 'ASSERTION')
        out.push(
          ...f.evidence
            .trimEnd()
            .split('\n')
            .map((l) => (l.trim() ? `      ${l}` : '')),
        );
    }
  }
  const live = r.findings.filter((f) => !f.suppressed);
  const count = (s: string) => live.filter((f) => f.severity === s).length;
  const suppressed = r.findings.length - live.length;
  const failed = r.assertions.filter((a) => !a.passed).length;
  out.push('');
  out.push(
    `${plural(r.files.length, 'file')}: ${k.red(plural(count('error'), 'error'))}, ${k.yellow(plural(count('warning'), 'warning'))}, ${count('info')} info${suppressed ? `, ${suppressed} suppressed` : ''}; assertions: ${k.green(`${r.assertions.length - failed} passed`)}${failed ? `, ${k.red(`${failed} failed`)}` : ', 0 failed'}`,
  );
  return out.join('\n') + '\n';
}
