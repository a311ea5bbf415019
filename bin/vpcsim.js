#!/usr/bin/env node
// `vpcsim --version` alone answers without loading the CLI: start-up is most of what it costs.
const args = process.argv.slice(2);
if (args.length === 1 && (args[0] === '--version' || args[0] === '-V')) {
  const { VERSION } = await import('../dist/version.js');
  process.stdout.write(`${VERSION}\n`);
} else {
  const { main } = await import('../dist/cli/main.js');
  main(process.argv).then((code) => {
    process.exitCode = code;
  });
}
