// `npm run test:browser`: the HTML report and the Mermaid text checked in headless Chromium (needs a system
// Chromium; see tests/browser/chromium.ts). Kept out of `npm test`, which needs no browser.
import { defineConfig } from 'vitest/config';
export default defineConfig({
  test: { include: ['tests/browser/**/*.browser.ts'], testTimeout: 120000, hookTimeout: 120000, pool: 'forks', fileParallelism: false, globalSetup: ['tests/global-setup.ts'] },
});
