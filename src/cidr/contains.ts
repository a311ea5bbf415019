// `vpcsim cidr contains <cidr> <ip|cidr>...`: is each address or block inside the first block?
import type { Family } from '../net/ip.js';
import { blockContainsAddress, blockCovers, blocksOverlap, formatAddress, formatBlock } from '../net/block.js';
import { CidrInputError, parseBlock, parseTarget } from './parse.js';

export interface ContainsItem {
  input: string;
  /** canonical text of the address or CIDR */
  value: string;
  kind: 'address' | 'cidr';
  contained: boolean;
  reason: string;
}

export interface ContainsResult {
  cidr: string;
  family: Family;
  items: ContainsItem[];
  /** true when every item is inside; the CLI exits 1 otherwise */
  allContained: boolean;
}

export function cidrContains(cidr: string, items: string[]): ContainsResult {
  const outer = parseBlock(cidr);
  if (items.length === 0) throw new CidrInputError('give at least one address or CIDR to look for');
  const where = formatBlock(outer);
  const out = items.map((input): ContainsItem => {
    const t = parseTarget(input);
    if (t.kind === 'address') {
      const value = formatAddress(t.family, t.addr);
      if (t.family !== outer.family)
        return { input, value, kind: 'address', contained: false, reason: `IPv${t.family} address, ${where} is IPv${outer.family}` };
      const inside = blockContainsAddress(outer, t.family, t.addr);
      return { input, value, kind: 'address', contained: inside, reason: inside ? `inside ${where}` : `outside ${where}` };
    }
    const value = formatBlock(t.block);
    if (t.block.family !== outer.family)
      return { input, value, kind: 'cidr', contained: false, reason: `IPv${t.block.family} block, ${where} is IPv${outer.family}` };
    if (blockCovers(outer, t.block)) return { input, value, kind: 'cidr', contained: true, reason: `inside ${where}` };
    if (blocksOverlap(outer, t.block)) return { input, value, kind: 'cidr', contained: false, reason: `larger than ${where}, only partly inside` };
    return { input, value, kind: 'cidr', contained: false, reason: `outside ${where}` };
  });
  return { cidr: where, family: outer.family, items: out, allContained: out.every((i) => i.contained) };
}
