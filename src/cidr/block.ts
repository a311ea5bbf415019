// The calculator's blocks are the one address/prefix model's (src/net/block.ts); this module keeps the calculator's
// import path and adds how it writes numbers for people.
export * from '../net/block.js';

/** Decimal digits with thousands separators, for people; JSON keeps plain digits. */
export function groupDigits(n: bigint): string {
  return n.toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}
