// One flow of a batch as parsed from the input: a leaf module, so that the parser (batch-cmd.ts) and the tracing of
// the batch (batch-run.ts, batch-jobs.ts) share the type without importing each other.

export interface BatchFlow {
  from: string;
  to: string;
  protocol?: string;
  port?: number;
  srcPort?: number;
  expect?: 'accept' | 'reject';
  line: number;
}
