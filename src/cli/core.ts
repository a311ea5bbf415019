import type { Command } from 'commander';
import type { SetExit } from './commands.js';

export function registerCore(program: Command, setExit: SetExit): void {
  void program;
  void setExit;
}
