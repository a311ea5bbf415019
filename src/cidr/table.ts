// `vpcsim cidr --table`: addresses per prefix length, with what AWS accepts at each size.
import type { Family } from '../net/ip.js';
import { sizeAllowed, subnetRule, usableCount, vpcRule } from './aws.js';
import { bitsOf, blockSize, maskTexts } from '../net/block.js';

export interface PrefixRow {
  prefix: number;
  netmask: string;
  wildcard: string;
  /** exact count as a decimal string */
  addresses: string;
  /** addresses left in an AWS subnet of this size (total − 5), or null where AWS has no subnet of this size */
  awsUsable: string | null;
  awsVpc: boolean;
  awsSubnet: boolean;
}

export interface PrefixTable {
  family: Family;
  rows: PrefixRow[];
}

/** From the longest prefix (/32 or /128) to /0. */
export function prefixTable(family: Family = 4): PrefixTable {
  const rows: PrefixRow[] = [];
  for (let len = bitsOf(family); len >= 0; len--) {
    const b = { family, start: 0n, len };
    const subnet = sizeAllowed(subnetRule(family), len);
    rows.push({
      prefix: len,
      ...maskTexts(b),
      addresses: blockSize(b).toString(),
      awsUsable: subnet ? usableCount(b).toString() : null,
      awsVpc: sizeAllowed(vpcRule(family), len),
      awsSubnet: subnet,
    });
  }
  return { family, rows };
}
