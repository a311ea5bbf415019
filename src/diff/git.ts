// `diff --git <ref> <path>`: the `before` side read from a git revision of the same file (`git show <ref>:./<file>`,
// run in the file's folder so any path works), with an error for each way that can fail.
import { spawnSync } from 'node:child_process';
import { basename, dirname, resolve } from 'node:path';

export class GitInputError extends Error {}

function git(cwd: string, args: string[]): { ok: boolean; out: string; err: string; missing: boolean } {
  const r = spawnSync('git', args, { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.error) return { ok: false, out: '', err: r.error.message, missing: (r.error as NodeJS.ErrnoException).code === 'ENOENT' };
  return { ok: r.status === 0, out: r.stdout, err: r.stderr.trim(), missing: false };
}

/** The text of `path` at revision `ref`. */
export function readAtRevision(ref: string, path: string): string {
  if (ref.startsWith('-') || /[\s:]/.test(ref) || ref === '')
    throw new GitInputError(`--git: '${ref}' is not a revision name (expected a branch, tag or commit such as origin/main or HEAD~1)`);
  const abs = resolve(path);
  const cwd = dirname(abs);
  const inside = git(cwd, ['rev-parse', '--is-inside-work-tree']);
  if (inside.missing) throw new GitInputError('--git: git is not installed (or not on PATH)');
  if (!inside.ok) throw new GitInputError(`--git: ${cwd} is not inside a git repository`);
  if (!git(cwd, ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`]).ok)
    throw new GitInputError(`--git: unknown revision '${ref}' (try git fetch, or a branch, tag or commit that exists)`);
  const file = `./${basename(abs)}`;
  const shown = git(cwd, ['show', `${ref}:${file}`]);
  if (!shown.ok) throw new GitInputError(`--git: ${path} does not exist at ${ref} (git show ${ref}:${file}: ${shown.err.split('\n')[0]})`);
  return shown.out;
}
