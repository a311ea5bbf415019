// `vpcsim cidr <cidr>`: everything about one block, the way AWS sees it.
import type { Family } from '../net/ip.js';
import { type AwsCheck, type ReservedAddress, awsNotes, reservedAddresses, subnetCheck, usableCount, vpcCheck } from './aws.js';
import { blockCovers, blockEnd, blockSize, formatAddress, formatBlock, maskTexts } from '../net/block.js';
import { parseBlock, parseCidrArg } from './parse.js';
import { type Space, classify } from './space.js';

export interface CidrInfo {
  input: string;
  family: Family;
  /** canonical network/prefix */
  cidr: string;
  network: string;
  prefix: number;
  /** the address as written when it had host bits set, else null */
  host: string | null;
  /** "host 10.0.1.7 in network 10.0.1.0/24" when host bits were set, else null */
  explanation: string | null;
  netmask: string;
  wildcard: string;
  first: string;
  last: string;
  /** address counts are decimal strings: exact for IPv6, where they exceed 2^53 */
  total: string;
  /** the addresses AWS reserves in a subnet with this block */
  reserved: ReservedAddress[];
  usable: string;
  firstUsable: string | null;
  lastUsable: string | null;
  aws: { vpc: AwsCheck; subnet: AwsCheck; notes: string[] };
  space: Space;
  /** for a block inside ::ffff:0:0/96, the IPv4 block it maps (RFC 4291 section 2.5.5.2), else null */
  ipv4Mapped: string | null;
}

const MAPPED = parseBlock('::ffff:0:0/96');

export function cidrInfo(input: string): CidrInfo {
  const { block: b, host } = parseCidrArg(input);
  const cidr = formatBlock(b);
  const usable = usableCount(b);
  const reserved = reservedAddresses(b);
  const hostText = host ? formatAddress(host.family, host.addr) : null;
  return {
    input,
    family: b.family,
    cidr,
    network: formatAddress(b.family, b.start),
    prefix: b.len,
    host: hostText,
    explanation: hostText ? `host ${hostText} in network ${cidr}` : null,
    ...maskTexts(b),
    first: formatAddress(b.family, b.start),
    last: formatAddress(b.family, blockEnd(b)),
    total: blockSize(b).toString(),
    reserved,
    usable: usable.toString(),
    firstUsable: usable > 0n ? formatAddress(b.family, b.start + 4n) : null,
    lastUsable: usable > 0n ? formatAddress(b.family, blockEnd(b) - 1n) : null,
    aws: { vpc: vpcCheck(b), subnet: subnetCheck(b), notes: awsNotes(b) },
    space: classify(b),
    ipv4Mapped: blockCovers(MAPPED, b) ? formatBlock({ family: 4, start: b.start & 0xffffffffn, len: b.len - 96 }) : null,
  };
}
