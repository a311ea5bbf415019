// Protocols and ports, the one home of these facts: IANA protocol numbers and names, the small value languages of
// rules (`tcp`, `1024-65535`), and the port ranges AWS names.
// https://www.iana.org/assignments/protocol-numbers/protocol-numbers.xhtml — the numbers AWS rules take
// https://docs.aws.amazon.com/vpc/latest/userguide/vpc-network-acls.html — "-1" or "all" means every protocol

/** An IANA protocol number; -1 = all. */
export type Protocol = number;

/** An inclusive port range. */
export interface PortRange {
  readonly from: number;
  readonly to: number;
}

/** The highest TCP/UDP port. */
export const MAX_PORT = 65535;

/** Linux's default ephemeral range is 32768-60999 (AWS quotes 32768-61000); a fixed member keeps runs reproducible. */
export const DEFAULT_SRC_PORT = 49152;

/**
 * https://docs.aws.amazon.com/vpc/latest/userguide/nacl-ephemeral-ports.html — "allow inbound traffic on ephemeral
 * ports 1024-65535" covers every client; NAT gateways translate source ports within it.
 */
export const EPHEMERAL_PORTS: PortRange = { from: 1024, to: MAX_PORT };

/** IANA protocol numbers; ALL_PROBE (253, RFC 3692 experimental) is the packet `--protocol all` sends. */
export const PROTO = { ALL: -1, ICMP: 1, TCP: 6, UDP: 17, ICMPV6: 58, ALL_PROBE: 253 } as const;

const NAMES: Record<string, number> = { all: -1, '-1': -1, tcp: 6, udp: 17, icmp: 1, icmpv6: 58 };

export function parseProtocol(v: unknown): { ok: true; value: Protocol } | { ok: false; error: string } {
  if (typeof v === 'number') {
    if (v === -1 || (Number.isInteger(v) && v >= 0 && v <= 255)) return { ok: true, value: v };
    return { ok: false, error: `protocol ${v} is not an IP protocol number (0-255, or -1 for all)` };
  }
  if (typeof v !== 'string') return { ok: false, error: 'protocol must be tcp, udp, icmp, icmpv6, all or a number' };
  const s = v.trim().toLowerCase();
  if (s in NAMES) return { ok: true, value: NAMES[s]! };
  if (/^\d{1,3}$/.test(s) && Number(s) <= 255) return { ok: true, value: Number(s) };
  return { ok: false, error: `unknown protocol '${v}' (expected tcp, udp, icmp, icmpv6, all or a number 0-255)` };
}

export function protocolName(p: Protocol): string {
  switch (p) {
    case -1:
      return 'all';
    case 6:
      return 'tcp';
    case 17:
      return 'udp';
    case 1:
      return 'icmp';
    case 58:
      return 'icmpv6';
    default:
      return String(p);
  }
}

export function hasPorts(p: Protocol): boolean {
  return p === PROTO.TCP || p === PROTO.UDP;
}

export function isIcmp(p: Protocol): boolean {
  return p === PROTO.ICMP || p === PROTO.ICMPV6;
}

export function parsePorts(v: unknown): { ok: true; value: PortRange | undefined } | { ok: false; error: string } {
  if (v === undefined || v === null) return { ok: true, value: undefined };
  if (typeof v === 'number') {
    if (!Number.isInteger(v) || v < 0 || v > 65535) return { ok: false, error: `port ${v} is outside 0-65535` };
    return { ok: true, value: { from: v, to: v } };
  }
  if (typeof v !== 'string') return { ok: false, error: 'ports must be a number, a range like "1024-65535", or "all"' };
  const s = v.trim();
  if (s.toLowerCase() === 'all') return { ok: true, value: undefined };
  const m = /^(\d{1,5})(?:\s*-\s*(\d{1,5}))?$/.exec(s);
  if (!m) return { ok: false, error: `'${v}' is not a port or port range (expected 443 or "1024-65535")` };
  const from = Number(m[1]);
  const to = m[2] === undefined ? from : Number(m[2]);
  if (from > 65535 || to > 65535) return { ok: false, error: `port range '${v}' goes beyond 65535` };
  if (from > to) return { ok: false, error: `port range '${v}' starts after it ends (write ${to}-${from})` };
  if (from === 0 && to === 65535) return { ok: true, value: undefined };
  return { ok: true, value: { from, to } };
}

export function portsText(r: PortRange | undefined): string {
  if (!r) return 'all';
  return r.from === r.to ? String(r.from) : `${r.from}-${r.to}`;
}
