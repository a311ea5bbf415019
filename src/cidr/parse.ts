// Input for the CIDR calculator: every string goes through src/net/ip.ts (ip-address 10, strict) and
// anything that is not a well-formed address or CIDR becomes a CidrInputError that says what is wrong.
import { type Family, familyOf, parseCidrLoose, parseIp } from '../net/ip.js';
import { type Block, blockFromPrefix, formatAddress, formatBlock } from '../net/block.js';

/** The inputs of split, plan and free that an input error can name. */
export type CidrField = 'sizes' | 'tiers' | 'azs' | 'prefix' | 'count' | 'used';
export type CidrFieldNames = Readonly<Record<CidrField, string>>;

/** The library's own words for the fields: what `message` says; the CLI names them by flag instead. */
export const CIDR_FIELD_WORDS: CidrFieldNames = {
  sizes: 'tier sizes',
  tiers: 'tiers',
  azs: 'Availability Zone count',
  prefix: 'prefix length',
  count: 'subnet count',
  used: 'used blocks',
};

/** Text that names fields: written once per naming (neutral words, or the CLI's flags). */
export type FieldText = string | ((names: CidrFieldNames) => string);

const textOf = (t: FieldText, names: CidrFieldNames) => (typeof t === 'string' ? t : t(names));

/** Bad input (exit 2 in the CLI): the message names the value and what is wrong with it. */
export class CidrInputError extends Error {
  override name = 'CidrInputError';
  constructor(readonly say: FieldText) {
    super(textOf(say, CIDR_FIELD_WORDS));
  }

  describe(names: CidrFieldNames): string {
    return textOf(this.say, names);
  }
}

export interface ParsedBlock {
  block: Block;
  /** the address as written when it had host bits set (10.0.1.7/24), else null */
  host: { family: Family; addr: bigint } | null;
}

function asBigint(a: number | bigint): bigint {
  return typeof a === 'number' ? BigInt(a >>> 0) : a;
}

function checkEmpty(text: string, what: string): void {
  if (typeof text !== 'string' || text.trim() === '') throw new CidrInputError(`empty ${what}`);
}

/** A CIDR whose address may have host bits set (10.0.1.7/24 is host 10.0.1.7 in 10.0.1.0/24). */
export function parseCidrArg(text: string): ParsedBlock {
  checkEmpty(text, 'CIDR');
  if (!text.includes('/')) {
    const ip = parseIp(text);
    if (ip.ok) {
      const max = familyOf(ip.value) === 4 ? 32 : 128;
      throw new CidrInputError(
        `'${text}' has no prefix length (expected a CIDR like ${max === 32 ? '10.0.0.0/16' : '2001:db8::/56'}; for this one address write ${text}/${max})`,
      );
    }
    throw new CidrInputError(`'${text}' is not a CIDR (expected an address, '/' and a prefix length, like 10.0.0.0/16 or 2001:db8::/56)`);
  }
  const r = parseCidrLoose(text);
  if (!r.ok) throw new CidrInputError(r.error);
  const block = blockFromPrefix(r.value.prefix);
  return { block, host: r.value.hostBits ? { family: block.family, addr: asBigint(r.value.addr) } : null };
}

/** A CIDR that must be written as its network address; host bits are an error that suggests the fix. */
export function parseBlock(text: string): Block {
  const p = parseCidrArg(text);
  if (p.host) {
    throw new CidrInputError(
      `'${text}' is not a network address (host bits set); did you mean ${formatBlock(p.block)}? (host ${formatAddress(p.host.family, p.host.addr)} is in that network)`,
    );
  }
  return p.block;
}

export type Target = { kind: 'address'; family: Family; addr: bigint } | { kind: 'cidr'; block: Block };

/** An address (10.0.1.5) or a CIDR (10.0.1.0/24). */
export function parseTarget(text: string): Target {
  checkEmpty(text, 'address or CIDR');
  if (text.includes('/')) return { kind: 'cidr', block: parseBlock(text) };
  const ip = parseIp(text);
  if (!ip.ok) throw new CidrInputError(ip.error);
  return { kind: 'address', family: familyOf(ip.value), addr: asBigint(ip.value) };
}

/** A prefix length written as 24 or /24, checked against the family's maximum. */
export function parsePrefixLength(text: string, family: Family, what: FieldText = 'prefix length'): number {
  const t = String(text ?? '').trim();
  const m = /^\/?(\d{1,3})$/.exec(t);
  const max = family === 4 ? 32 : 128;
  if (!m || (m[1]!.length > 1 && m[1]![0] === '0'))
    throw new CidrInputError((n) => `${textOf(what, n)} '${text}' is not a number from 0 to ${max} (write 24 or /24)`);
  const n = Number(m[1]);
  if (n > max) throw new CidrInputError((names) => `${textOf(what, names)} /${n} is above the IPv${family} maximum /${max}`);
  return n;
}

/** A positive whole number for counts (--count, --azs). */
export function parseCount(text: string, what: string, max: number): number {
  const t = String(text ?? '').trim();
  if (!/^[1-9]\d{0,9}$/.test(t)) throw new CidrInputError(`${what} '${text}' is not a whole number from 1 to ${max}`);
  const n = Number(t);
  if (n > max) throw new CidrInputError(`${what} ${n} is above the maximum ${max}`);
  return n;
}

/** Splits "a,b, c" lists; an empty item is an error rather than silently skipped. */
export function splitList(text: string, what: FieldText): string[] {
  const items = String(text ?? '')
    .split(',')
    .map((s) => s.trim());
  if (items.some((s) => s === '')) throw new CidrInputError((n) => `empty item in ${textOf(what, n)} '${text}'`);
  return items;
}
