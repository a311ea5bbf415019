// Types shared by the AWS importer: its input (parsed describe-* files), options, result and errors.
import type { AwsListKey } from '../aws/kinds.js';
import type { SourceFile } from '../load/source.js';
import type { TopologyData } from '../load/topology-data.js';

/** The topology document, format version 1: the type written from the schema (src/load/topology-data.ts). */
export type { TopologyData } from '../load/topology-data.js';

/** One parsed `aws ec2 describe-*` output. */
export interface AwsFile {
  /** path shown in messages, relative to the dump folder (e.g. us-east-2/Subnets.json) */
  file: string;
  /** folder of the file relative to the dump folder ('' at the top); files of one folder share a region */
  dir?: string;
  /** account and region from the folder layout (`<account>/<region>/`), when it tells them */
  account?: string;
  region?: string;
  data: unknown;
  /** not parsed: its folder names a region that is not being imported */
  unparsed?: boolean;
}

/** A problem in the dump that did not stop the import: the file and JSON path say where. */
export interface ImportWarning {
  code: string;
  message: string;
  file?: string;
  /** JSONPath into the file, e.g. $.NetworkInterfaces[3].SubnetId */
  path?: string;
}

export interface ImportOptions {
  /** which region to import when the dump holds several; also names the region of a flat folder */
  region?: string;
  /** on-premises prefixes per VPN connection id, added to what the dump shows */
  onPrem?: Record<string, string[]>;
  /** a partial topology in vpcsim's format merged over the import (resources matched by id) */
  overlay?: object;
  /** the overlay's file text, so errors the merge causes point into it (readOverlaySource gives it) */
  overlaySource?: SourceFile;
}

export interface ImportSummary {
  /** the region imported */
  region: string;
  /** every region found in the dump */
  regions: string[];
  /** accounts whose resources were imported */
  accounts: string[];
  /** files read for this region */
  filesUsed: string[];
  /** files not used, with the reason (unknown content, another region, not JSON ...) */
  filesSkipped: { file: string; reason: string }[];
  /** resources written, per topology key */
  counts: Record<string, number>;
  /** VPN connections for which no on-premises prefix is known (give them with --on-prem or an overlay) */
  vpnWithoutOnPremises: string[];
  /** facts worth knowing that are not problems */
  notes: string[];
}

export interface ImportResult {
  /** a topology in vpcsim format version 1, as plain data */
  topology: TopologyData;
  /** resource id → the dump file and JSONPath it was converted from */
  origins?: ReadonlyMap<string, { file: string; path: string }>;
  warnings: ImportWarning[];
  /** resource kinds and fields present in the dump that vpcsim does not model, with how many were seen */
  ignored: Record<string, number>;
  summary: ImportSummary;
}

/** Bad input that stops the import: printed as one line, exit code 2. */
export class AwsImportError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly file?: string,
    readonly line?: number,
    readonly col?: number,
  ) {
    super(message);
    this.name = 'AwsImportError';
  }
}

/** A resource as the importers build it: a plain object. */
export type Obj = Record<string, unknown>;

/**
 * A topology while an importer builds it: the header keys as the format has them, each resource list a list of plain
 * objects. It is a TopologyData once the schema check and the binder accept it (src/import/import-check.ts).
 */
export type TopologyDraft = Pick<TopologyData, 'version' | 'name' | 'account' | 'region'> & { [K in AwsListKey]?: Obj[] };
