import type { Topology } from '../bind/model.js';
import { EXIT, UsageError } from './exit.js';

export async function runBatch(t: Topology, file: string, opts: Record<string, unknown>): Promise<number> {
  void t;
  void file;
  void opts;
  throw new UsageError('--batch is not available in this build');
}
