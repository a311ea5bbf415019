// The tool's version and home page, read from package.json: the one place they are written.
// src/version.ts and dist/version.js both sit one folder below package.json.
import { readFileSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string; homepage?: string };

export const VERSION: string = pkg.version;
/** The repository's web address; rule documentation pages are under it. */
export const HOMEPAGE: string = (pkg.homepage ?? 'https://github.com/vpcsim/vpcsim').replace(/#.*$/, '').replace(/\/+$/, '');
