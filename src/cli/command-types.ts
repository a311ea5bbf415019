// What a command module registers with: the program, and the exit code it sets. A leaf that the registry
// (commands.ts) and every command module import, so that the command modules need not import the registry.
import type { Command } from 'commander';

export type SetExit = (code: number) => void;
export type Registration = (program: Command, setExit: SetExit) => void | Promise<void>;
