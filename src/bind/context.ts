// The binder's shared context: the diagnostics it collects, the declared ids, reference resolution, and the
// draft the passes fill in. Every per-kind module of src/bind/ binds through it.
import type { Diagnostic, Path, Severity } from '../load/diagnostics.js';
import { suggest } from '../load/diagnostics.js';
import { KIND_LABEL, LIST_KIND } from '../load/kinds.js';
import type { Loaded } from '../load/load.js';
import { describeOwner, MAX_SCHEMA_DIAGNOSTICS } from '../load/validate.js';
import { type Addr, type Prefix, parseCidr, parseIp } from '../net/ip.js';
import type * as M from './model.js';

export type Raw = Record<string, unknown>;
/** What a message is about; a function when building the text for every item would cost more than the rare error. */
export type What = string | (() => string);
/** Where a diagnostic points; a function when the path of every item would cost more than the rare error. */
export type At = Path | (() => Path);
export const whatText = (what: What): string => (typeof what === 'string' ? what : what());
export type Mutable<T> = { -readonly [K in keyof T]: T[K] };

interface Declared {
  kind: M.ResourceKind;
  path: Path;
  raw: Raw;
}

// The same cap as the schema's: past it, more of the same helps nobody and costs memory.
const MAX_DIAGNOSTICS = MAX_SCHEMA_DIAGNOSTICS;
// Enough for every unknown reference of an ordinary file to get its suggestion (a few hundred ids × a few hundred mistakes).
const SUGGEST_BUDGET = 200_000;

export class Binder {
  readonly diags: Diagnostic[] = [];
  readonly declared = new Map<string, Declared>();
  readonly byId = new Map<string, M.Resource>();
  /** Per list, the path of each item declare() kept (its id first declared there), undefined for the others. */
  private readonly ownPaths = new Map<string, (Path | undefined)[]>();
  readonly file: string;
  readonly region: string;

  constructor(
    readonly loaded: Loaded,
    readonly data: Raw,
  ) {
    this.file = loaded.source.file;
    this.room = Math.max(1, MAX_DIAGNOSTICS - loaded.diagnostics.length);
    this.region = typeof data.region === 'string' ? data.region : 'us-east-1';
  }

  /** Diagnostics past the cap: counted, not stored (and not located, which costs a walk of the document). */
  dropped = 0;
  droppedErrors = 0;
  droppedAt: Path | undefined;
  /** Room left under the file's error cap once the loader's diagnostics are counted. */
  readonly room: number;
  /** Candidate comparisons left for did-you-mean suggestions; past it unknown references get none. */
  suggestBudget = SUGGEST_BUDGET;
  private readonly candidates = new Map<string, string[]>();
  /** Rule matches by protocol and ports as written (see cachedMatch in factories.ts). */
  readonly matches = new Map<unknown, Map<unknown, M.Match>>();
  /** A route target per resource, shared by every route to it (a RouteTarget is immutable). */
  readonly routeTargets = new Map<M.Resource, M.RouteTarget>();

  diag(severity: Severity, code: string, message: string, at: At, opts: { key?: boolean; hint?: string } = {}): void {
    const path = typeof at === 'function' ? at() : at;
    if (this.diags.length >= this.room) {
      if (this.dropped++ === 0) this.droppedAt = path;
      if (severity === 'error') this.droppedErrors++;
      return;
    }
    const pos = this.loaded.source.position(path, opts.key ?? false);
    this.diags.push({ code, severity, message, file: this.file, line: pos.line, col: pos.col, path, ...(opts.hint ? { hint: opts.hint } : {}) });
  }

  error(code: string, message: string, path: At, opts: { key?: boolean; hint?: string } = {}): void {
    this.diag('error', code, message, path, opts);
  }

  list(key: string): Raw[] {
    const v = this.data[key];
    return Array.isArray(v) ? (v as Raw[]) : [];
  }

  owner(path: Path): string {
    return describeOwner(this.data, path);
  }

  /** Pass 0: every id, unique in the file. */
  declare(): void {
    for (const [key, kind] of Object.entries(LIST_KIND)) {
      const list = this.list(key);
      const own: (Path | undefined)[] = new Array(list.length).fill(undefined);
      this.ownPaths.set(key, own);
      list.forEach((raw, i) => {
        if (!raw || typeof raw !== 'object' || typeof raw.id !== 'string' || raw.id === '') return;
        const prev = this.declared.get(raw.id);
        if (prev) {
          const p = this.loaded.source.position([...prev.path, 'id']);
          const first = `${prev.path[0]}[${prev.path[1]}]`;
          this.error('DUPLICATE_ID', `id '${raw.id}' is already used by the ${KIND_LABEL[prev.kind]} ${first} at line ${p.line}:${p.col}`, [key, i, 'id'], {
            hint: 'ids must be unique in the file',
          });
          return;
        }
        // An id is printed in every report: control characters would let a file rewrite the terminal.
        if (/[\u0000-\u001f\u007f-\u009f]/.test(raw.id)) {
          this.error('INVALID_ID', `id ${JSON.stringify(raw.id)} contains a control character`, [key, i, 'id']);
          return;
        }
        if (raw.id.includes(':') && !raw.id.startsWith('arn:')) {
          this.error('INVALID_ID', `id '${raw.id}' contains ':', which vpcsim reserves for 'subnet:ID' and 'sg:ID' selectors`, [key, i, 'id']);
        }
        const path: Path = [key, i];
        own[i] = path;
        this.declared.set(raw.id, { kind, path, raw });
      });
    }
  }

  /** Whether the resource declared with `id` is the one at `path` (a duplicate id elsewhere in the file is not bound twice). */
  declaredAt(id: string, path: Path): boolean {
    const d = this.declared.get(id);
    return d !== undefined && d.path[0] === path[0] && d.path[1] === path[1];
  }

  /** Each item of a list that has an id declared at its own place: an item without one, or whose id a
   *  duplicate earlier in the file holds (reported by declare), is not bound. */
  each(key: string, bindOne: (raw: Raw & { id: string }, path: Path, i: number) => void): void {
    const list = this.list(key);
    const own = this.ownPaths.get(key);
    if (own !== undefined) {
      // The items declare() kept, with the path it made for each (no id lookup per item).
      for (let i = 0; i < list.length; i++) {
        const path = own[i];
        if (path !== undefined) bindOne(list[i] as Raw & { id: string }, path, i);
      }
      return;
    }
    for (let i = 0; i < list.length; i++) {
      const raw = list[i];
      if (typeof raw?.id !== 'string') continue;
      const d = this.declared.get(raw.id);
      if (d === undefined || d.path[0] !== key || d.path[1] !== i) continue;
      // The declared path is this item's own: shared rather than built again.
      bindOne(raw as Raw & { id: string }, d.path, i);
    }
  }

  /** Resolves a reference; reports unknown ids (with the closest ids of the wanted kinds) and wrong kinds. */
  /** `context` says where the reference is written: "in route 0.0.0.0/0 of route table rt-public". */
  ref<K extends M.ResourceKind>(value: unknown, kinds: readonly K[], path: At, what: string, context?: What): Extract<M.Resource, { kind: K }> | undefined {
    if (typeof value !== 'string') return undefined;
    const d = this.declared.get(value);
    if (d !== undefined && (kinds as readonly string[]).includes(d.kind)) return this.byId.get(value) as Extract<M.Resource, { kind: K }> | undefined;
    const where = context ? ` ${whatText(context)}` : '';
    if (!d) {
      const candidates = this.idsOf(kinds);
      const guess = this.suggestId(value, candidates);
      const near = guess !== undefined;
      this.error('UNKNOWN_REFERENCE', `unknown ${what} '${value}'${where}${near ? ` (did you mean '${guess}'?)` : ''}`, path, {
        hint: near || candidates.length === 0 ? undefined : `known: ${candidates.slice(0, 8).join(', ')}${candidates.length > 8 ? ', …' : ''}`,
      });
      return undefined;
    }
    this.error('WRONG_KIND', `'${value}'${where} is a ${KIND_LABEL[d.kind]}, not ${what.match(/^[aeiou]/i) ? 'an' : 'a'} ${what}`, path, {
      hint: `expected ${kinds
        .map((k) => KIND_LABEL[k])
        .join(', ')
        .replace(/, ([^,]+)$/, ' or $1')}`,
    });
    return undefined;
  }

  /** ref() of `owner[key]` at `[...path, key]`, the path built only for a diagnostic. */
  refIn<K extends M.ResourceKind>(owner: Raw, key: string, kinds: readonly K[], path: Path, what: string): Extract<M.Resource, { kind: K }> | undefined {
    const v = owner[key];
    const d = typeof v === 'string' ? this.declared.get(v) : undefined;
    if (d !== undefined && (kinds as readonly string[]).includes(d.kind)) return this.byId.get(v as string) as Extract<M.Resource, { kind: K }> | undefined;
    return this.ref(v, kinds, [...path, key], what);
  }

  /** Declared ids of these kinds, listed once per set of kinds (not once per unknown reference). */
  idsOf(kinds: readonly M.ResourceKind[]): string[] {
    const key = kinds.join(',');
    let ids = this.candidates.get(key);
    if (!ids) {
      ids = [];
      for (const [id, x] of this.declared) if (kinds.includes(x.kind)) ids.push(id);
      this.candidates.set(key, ids);
    }
    return ids;
  }

  /** A did-you-mean within the budget: a file of thousands of unknown references against thousands of ids would
   *  otherwise compare every pair. Past the cap or the budget, references are reported without a suggestion. */
  suggestId(value: string, candidates: readonly string[]): string | undefined {
    if (this.diags.length >= this.room || candidates.length > this.suggestBudget) return undefined;
    this.suggestBudget -= candidates.length;
    return suggest(value, candidates);
  }

  /** Prefixes parsed so far, by text: rules repeat the same CIDR text thousands of times, and a Prefix is immutable. */
  private readonly cidrs = new Map<string, Prefix>();

  cidr(value: unknown, path: At, what: What): Prefix | undefined {
    if (typeof value !== 'string') return undefined;
    const known = this.cidrs.get(value);
    if (known !== undefined) return known;
    const r = parseCidr(value);
    if (!r.ok) {
      this.error('INVALID_CIDR', `${whatText(what)}: ${r.error}`, path);
      return undefined;
    }
    this.cidrs.set(value, r.value);
    return r.value;
  }

  ip(value: unknown, path: At, what: What, family?: 4 | 6): Addr | undefined {
    if (typeof value !== 'string') return undefined;
    const r = parseIp(value);
    if (!r.ok) {
      this.error('INVALID_IP', `${whatText(what)}: ${r.error}`, path);
      return undefined;
    }
    if (family && (family === 4) !== (typeof r.value === 'number')) {
      this.error('INVALID_IP', `${whatText(what)}: '${value}' is not an IPv${family} address`, path);
      return undefined;
    }
    return r.value;
  }

  register<T extends M.Resource>(r: T): T {
    this.byId.set(r.id, r);
    return r;
  }
}

export const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
export const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
export const src = (path: Path): M.Src => ({ path });

/** The place of one item of a list (a rule, a route): the list's path, shared by its items, and the item's index.
 *  Its path is built when a diagnostic or a renderer reads it, so the thousands of rules of an estate keep no array each. */
export class ItemSrc implements M.Src {
  constructor(
    private readonly list: Path,
    private readonly index: number,
  ) {}
  get path(): Path {
    return [...this.list, this.index];
  }
}

/** What the passes build, filled in the order bindAll states; the topology is made of it. */
export interface Draft {
  readonly prefixLists: M.PrefixList[];
  readonly servicePl: Map<string, M.PrefixList>;
  readonly vpcs: M.Vpc[];
  readonly subnets: M.Subnet[];
  readonly subnetRaw: Map<M.Subnet, { raw: Raw; path: Path }>;
  readonly internetGateways: M.InternetGateway[];
  readonly egressOnlyInternetGateways: M.EgressOnlyInternetGateway[];
  readonly vpnGateways: M.VpnGateway[];
  readonly transitGateways: M.TransitGateway[];
  readonly vpnConnections: M.VpnConnection[];
  readonly peeringConnections: M.PeeringConnection[];
  readonly securityGroups: M.SecurityGroup[];
  readonly sgRaw: Map<M.SecurityGroup, { raw: Raw; path: Path }>;
  readonly networkAcls: M.NetworkAcl[];
  readonly interfaces: M.NetworkInterface[];
  readonly interfaceByIp: Map<Addr, M.NetworkInterface>;
  readonly interfaceByPublicIp: Map<number, M.NetworkInterface>;
  readonly vpcIps: Map<M.Vpc, Map<Addr, { id: string; path: At }>>;
  readonly publicOwners: Map<number, { id: string; path: At }>;
  readonly instances: M.Instance[];
  readonly natGateways: M.NatGateway[];
  readonly pendingAlloc: (() => void)[];
  readonly vpcEndpoints: M.VpcEndpoint[];
  readonly endpointRouteTables: Map<M.VpcEndpoint, { ids: unknown[]; path: Path }>;
  readonly tgwAttachments: M.TransitGatewayAttachment[];
  readonly attachmentRt: Map<M.TransitGatewayAttachment, { v: unknown; path: Path }>;
  readonly tgwRouteTables: M.TransitGatewayRouteTable[];
  readonly routeTables: M.RouteTable[];
  readonly directConnectGateways: M.DirectConnectGateway[];
}

export function newDraft(): Draft {
  return {
    prefixLists: [],
    servicePl: new Map(),
    vpcs: [],
    subnets: [],
    subnetRaw: new Map(),
    internetGateways: [],
    egressOnlyInternetGateways: [],
    vpnGateways: [],
    transitGateways: [],
    vpnConnections: [],
    peeringConnections: [],
    securityGroups: [],
    sgRaw: new Map(),
    networkAcls: [],
    interfaces: [],
    interfaceByIp: new Map(),
    interfaceByPublicIp: new Map(),
    vpcIps: new Map(),
    publicOwners: new Map(),
    instances: [],
    natGateways: [],
    pendingAlloc: [],
    vpcEndpoints: [],
    endpointRouteTables: new Map(),
    tgwAttachments: [],
    attachmentRt: new Map(),
    tgwRouteTables: [],
    routeTables: [],
    directConnectGateways: [],
  };
}

export const vpcRef = (b: Binder, v: unknown, path: At) => b.ref(v, ['vpc'], path, 'VPC');
export const subnetRef = (b: Binder, v: unknown, path: At) => b.ref(v, ['subnet'], path, 'subnet');
/** The VPC or subnet an item names in its `vpc` or `subnet` key. */
export const vpcIn = (b: Binder, raw: Raw, path: Path) => b.refIn(raw, 'vpc', ['vpc'], path, 'VPC');
export const subnetIn = (b: Binder, raw: Raw, path: Path) => b.refIn(raw, 'subnet', ['subnet'], path, 'subnet');
