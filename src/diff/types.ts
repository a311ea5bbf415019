// The shapes a diff answer is made of: reach's row shape plus the change and the outcome on each side
// (the `--json` contract, documented in docs/diff.md).
import type { Topology } from '../bind/model.js';
import type { ReachQuery, ReachRow, RowEnd } from '../reach/types.js';

/**
 * One side of a diff: the bound topology, and the document it was bound from, as loaded (Loaded.data). Flows are
 * traced in the topology; what changed is read from the documents, which compare resources as they are written.
 */
export interface DiffInput {
  readonly topology: Topology;
  readonly data: unknown;
}

/** One topology's outcome for a row: the path where it is accepted, the deciding component where it is rejected. */
export type DiffSide = { verdict: 'ACCEPT'; path: string[] } | { verdict: 'REJECT'; blockedBy: string | null; reason: string | null };

export interface DiffRow extends ReachRow {
  change: 'opened' | 'closed';
  before: DiffSide;
  after: DiffSide;
}

/** An interface that exists on one side only, with the flows to and from it that succeed on that side. */
export interface EndpointChange {
  endpoint: Extract<RowEnd, { kind: 'interface' }>;
  rows: ReachRow[];
}

export interface DiffResult {
  query: Omit<ReachQuery, 'srcPorts'> & { srcPorts: [number, number][] };
  opened: DiffRow[];
  closed: DiffRow[];
  addedEndpoints: EndpointChange[];
  removedEndpoints: EndpointChange[];
  /** classes whose outcome on either side depends on the port a NAT gateway picks (AWS does not say which) */
  undetermined: DiffRow[];
  /** what was recomputed: the changed components and the interfaces whose flows were compared */
  scope: { changed: string[]; endpoints: number | 'all' };
  stats: { traces: number; classes: number };
}
