// The version `vpcsim --version` prints; bin/vpcsim.js reads it without loading the rest of the CLI.
export const VERSION = '0.1.0';
