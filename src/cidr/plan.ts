// `vpcsim cidr plan`: subnets for every tier in every AZ, laid out the way Terraform's cidrsubnets() does it:
// in order, each block at the next address aligned to its own size, so blocks never overlap and gaps stay free.
// https://developer.hashicorp.com/terraform/language/functions/cidrsubnets
import type { Family } from '../net/ip.js';
import { ruleText, sizeAllowed, subnetRule, usableCount, vpcCheck } from './aws.js';
import { type Block, bitsOf, blockEnd, blockSize, ceilLog2, formatAddress, formatBlock } from '../net/block.js';
import { groupDigits } from './block.js';
import { freeBlocks } from './free.js';
import { CidrInputError, type FieldText, parseBlock, parsePrefixLength, splitList } from './parse.js';

export const MAX_AZS = 26;

export interface PlanOptions {
  azs: number;
  /** tier names in layout order; taken from `sizes` when omitted */
  tiers?: string[];
  /** one prefix length for every tier */
  prefix?: number;
  /** prefix length per tier; overrides `prefix` for the tiers it names */
  sizes?: Record<string, number>;
}

export interface PlanSubnet {
  name: string;
  tier: string;
  az: string;
  cidr: string;
  first: string;
  last: string;
  total: string;
  usable: string;
  /** Terraform expression that yields this block: cidrsubnet(vpc, newbits, netnum) */
  terraform: string;
}

export interface PlanResult {
  vpc: string;
  family: Family;
  azs: number;
  tiers: Array<{ name: string; prefix: number }>;
  /** how the tier sizes were chosen */
  sizing: string;
  subnets: PlanSubnet[];
  /** the whole layout as one Terraform call, in the same order */
  terraform: string;
  free: Array<{ cidr: string; total: string }>;
  totals: { vpc: string; allocated: string; free: string };
  warnings: string[];
}

/** The plan does not fit; carries the numbers the message states. */
export class PlanDoesNotFitError extends CidrInputError {
  override name = 'PlanDoesNotFitError';
  constructor(
    message: FieldText,
    readonly needed: bigint,
    readonly available: bigint,
    readonly missing: bigint,
    readonly smallestPrefix: number,
  ) {
    super(message);
  }
}

const TIER_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;

/** Parses "public=/24,private=/20" (the slash is optional). */
export function parseSizes(text: string, family: Family): Record<string, number> {
  const out: Record<string, number> = {};
  for (const item of splitList(text, (n) => n.sizes)) {
    const m = /^([^=]+)=(.*)$/.exec(item);
    if (!m) throw new CidrInputError((n) => `${n.sizes} item '${item}' is not tier=/prefix (for example public=/24)`);
    const name = m[1]!.trim();
    if (!TIER_NAME.test(name)) throw new CidrInputError((n) => `${n.sizes} tier name '${name}' must be letters, digits, '-', '_' or '.'`);
    if (name in out) throw new CidrInputError((n) => `${n.sizes} names tier '${name}' twice`);
    out[name] = parsePrefixLength(m[2]!.trim(), family, (n) => `${n.sizes} ${name}`);
  }
  return out;
}

export function parseTiers(text: string): string[] {
  const tiers = splitList(text, (n) => n.tiers);
  for (const t of tiers) if (!TIER_NAME.test(t)) throw new CidrInputError(`tier name '${t}' must be letters, digits, '-', '_' or '.'`);
  const dup = tiers.find((t, i) => tiers.indexOf(t) !== i);
  if (dup) throw new CidrInputError((n) => `${n.tiers} names '${dup}' twice`);
  return tiers;
}

function azName(i: number): string {
  return String.fromCharCode(97 + i);
}

/** The largest equal subnet size that holds n subnets, within what AWS allows for a subnet. */
function autoPrefix(vpc: Block, n: number): number {
  const rule = subnetRule(vpc.family);
  let p = vpc.len + ceilLog2(BigInt(n));
  if (p < rule.largest) p = rule.largest;
  if (rule.step > 1) p = Math.ceil(p / rule.step) * rule.step;
  if (p > rule.smallest) {
    throw new CidrInputError(`${formatBlock(vpc)} can't hold ${n} subnets of at least /${rule.smallest} (the smallest AWS subnet)`);
  }
  return p;
}

type TierSize = { name: string; prefix: number };
type Laid = { tier: string; az: string; block: Block; newbits: number; netnum: bigint };

/** Each tier's prefix length from --tiers, --sizes and --prefix (or the largest equal size), and how it was chosen. */
function planSizes(vpc: Block, opts: PlanOptions): { tierSizes: TierSize[]; sizing: string } {
  const { azs } = opts;
  const sizes = opts.sizes ?? {};
  const tiers = opts.tiers && opts.tiers.length > 0 ? opts.tiers : Object.keys(sizes);
  if (tiers.length === 0) throw new CidrInputError((n) => `give the tiers with ${n.tiers} (for example ${n.tiers} public,private,data) or ${n.sizes}`);
  for (const name of Object.keys(sizes)) {
    if (!tiers.includes(name)) throw new CidrInputError((n) => `${n.sizes} names tier '${name}', which is not in ${n.tiers} ${tiers.join(',')}`);
  }
  const rule = subnetRule(vpc.family);
  let sizing: string;
  let fallback: number | undefined = opts.prefix;
  const unsized = tiers.filter((t) => !(t in sizes));
  if (fallback !== undefined) {
    sizing = Object.keys(sizes).length ? `--sizes, and --prefix /${fallback} for the other tiers` : `--prefix /${fallback}`;
  } else if (unsized.length === 0) {
    sizing = '--sizes';
  } else if (Object.keys(sizes).length > 0) {
    throw new CidrInputError(
      (n) =>
        `no size for tier${unsized.length > 1 ? 's' : ''} ${unsized.map((t) => `'${t}'`).join(', ')}: add ${unsized[0]}=/N to ${n.sizes} or give ${n.prefix}`,
    );
  } else {
    fallback = autoPrefix(vpc, tiers.length * azs);
    sizing = `/${fallback}, the largest equal size that holds ${tiers.length} tiers × ${azs} AZs`;
  }

  const tierSizes = tiers.map((name) => ({ name, prefix: sizes[name] ?? fallback! }));
  for (const t of tierSizes) {
    if (t.prefix < vpc.len) throw new CidrInputError(`tier '${t.name}' asks for /${t.prefix}, larger than the VPC ${formatBlock(vpc)} itself`);
    // A subnet must be a size AWS accepts. https://docs.aws.amazon.com/vpc/latest/userguide/subnet-sizing.html
    if (!sizeAllowed(rule, t.prefix)) {
      throw new CidrInputError(`tier '${t.name}' asks for /${t.prefix}; AWS IPv${vpc.family} subnets are ${ruleText(rule)}`);
    }
  }
  return { tierSizes, sizing };
}

/** Lay out like cidrsubnets(): each block at the next address aligned to its size; PlanDoesNotFitError past the VPC. */
function layOut(vpc: Block, tierSizes: TierSize[], azs: number): Laid[] {
  const bits = bitsOf(vpc.family);
  const vpcSize = blockSize(vpc);
  const blocks: Laid[] = [];
  let offset = 0n; // next free offset from the VPC base
  for (const t of tierSizes) {
    const size = 1n << BigInt(bits - t.prefix);
    for (let i = 0; i < azs; i++) {
      const at = ((offset + size - 1n) / size) * size;
      blocks.push({
        tier: t.name,
        az: azName(i),
        block: { family: vpc.family, start: vpc.start + at, len: t.prefix },
        newbits: t.prefix - vpc.len,
        netnum: at / size,
      });
      offset = at + size;
    }
  }
  if (offset > vpcSize) {
    const smallest = bits - ceilLog2(offset);
    const missing = offset - vpcSize;
    const wanted = tierSizes.map((t) => `${azs} × /${t.prefix} ${t.name}`).join(', ');
    throw new PlanDoesNotFitError(
      `the plan does not fit in ${formatBlock(vpc)}: ${wanted} need ${groupDigits(offset)} addresses laid out aligned, ` +
        `the VPC has ${groupDigits(vpcSize)}; ${groupDigits(missing)} addresses missing. The smallest VPC that holds it is a /${smallest}` +
        (vpc.len > smallest ? ` (or use smaller subnets, fewer tiers or fewer AZs)` : ''),
      offset,
      vpcSize,
      missing,
      smallest,
    );
  }
  return blocks;
}

export function cidrPlan(vpcCidr: string, opts: PlanOptions): PlanResult {
  const vpc = parseBlock(vpcCidr);
  const { azs } = opts;
  if (!Number.isInteger(azs) || azs < 1 || azs > MAX_AZS) throw new CidrInputError((n) => `${n.azs} must be a whole number from 1 to ${MAX_AZS} (got ${azs})`);
  const { tierSizes, sizing } = planSizes(vpc, opts);
  const blocks = layOut(vpc, tierSizes, azs);
  const vpcSize = blockSize(vpc);
  const vpcText = formatBlock(vpc);
  const subnets = blocks.map(
    ({ tier, az, block, newbits, netnum }): PlanSubnet => ({
      name: `${tier}-${az}`,
      tier,
      az,
      cidr: formatBlock(block),
      first: formatAddress(block.family, block.start),
      last: formatAddress(block.family, blockEnd(block)),
      total: blockSize(block).toString(),
      usable: usableCount(block).toString(),
      terraform: `cidrsubnet("${vpcText}", ${newbits}, ${netnum})`,
    }),
  );
  const free = freeBlocks(
    vpc,
    blocks.map((b) => b.block),
  );
  const freeCount = free.reduce((n, b) => n + blockSize(b), 0n);
  const warnings: string[] = [];
  const vc = vpcCheck(vpc);
  if (!vc.valid) warnings.push(`${vpcText} is not a valid AWS VPC CIDR: ${vc.reason}`);
  return {
    vpc: vpcText,
    family: vpc.family,
    azs,
    tiers: tierSizes,
    sizing,
    subnets,
    terraform: `cidrsubnets("${vpcText}", ${blocks.map((b) => b.newbits).join(', ')})`,
    free: free.map((b) => ({ cidr: formatBlock(b), total: blockSize(b).toString() })),
    totals: { vpc: vpcSize.toString(), allocated: (vpcSize - freeCount).toString(), free: freeCount.toString() },
    warnings,
  };
}
