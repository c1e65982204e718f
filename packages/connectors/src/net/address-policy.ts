import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';

/** Decides which IP addresses outbound calls may reach. */
export interface AddressPolicy {
  /** True when the address is public unicast, or inside a CIDR the deployment opted in. */
  isAllowed(address: string): boolean;
}

type Cidr = [ipaddr.IPv4 | ipaddr.IPv6, number];

/** Parse the deployment's CIDR allowlist; throws on an entry that is not a CIDR, so bad config fails fast. */
export function parseAllowedNetworks(cidrs: readonly string[]): Cidr[] {
  return cidrs.map((c) => {
    const text = c.trim();
    try {
      return text.includes('/')
        ? ipaddr.parseCIDR(text)
        : ipaddr.parseCIDR(`${text}/${ipaddr.parse(text).kind() === 'ipv4' ? 32 : 128}`);
    } catch {
      throw new Error(`Not a CIDR in allowedNetworks: ${JSON.stringify(c)}`);
    }
  });
}

/**
 * Build the address policy. Anything whose ipaddr.js range is not `unicast` is refused: loopback, private,
 * link-local (cloud metadata), CGNAT, multicast, broadcast, reserved, unspecified, IPv4-mapped, NAT64,
 * 6to4, Teredo, ULA and the rest. IPv4-mapped IPv6 addresses are unwrapped before the allowlist check so an
 * allowlisted 127.0.0.1/32 also admits ::ffff:127.0.0.1 (the same socket), never the reverse.
 */
export function createAddressPolicy(allowedNetworks: readonly string[]): AddressPolicy {
  const allowed = parseAllowedNetworks(allowedNetworks);
  return {
    isAllowed(address) {
      const literal = stripBrackets(address).split('%')[0] ?? '';
      // Only canonical literals: ipaddr.js also accepts legacy forms (0x7f.1) that must never get this far.
      if (isIP(literal) === 0) return false;
      let ip: ipaddr.IPv4 | ipaddr.IPv6;
      try {
        ip = ipaddr.parse(literal);
      } catch {
        return false;
      }
      const plain =
        ip.kind() === 'ipv6' && (ip as ipaddr.IPv6).isIPv4MappedAddress()
          ? (ip as ipaddr.IPv6).toIPv4Address()
          : ip;
      for (const [net, bits] of allowed) {
        if (plain.kind() === net.kind() && plain.match(net, bits)) return true;
      }
      return ip.range() === 'unicast';
    },
  };
}

/** `[::1]` → `::1`; other strings unchanged. */
export function stripBrackets(host: string): string {
  return host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
}

/**
 * Ports browsers refuse to fetch (WHATWG Fetch "bad port"): mail, SSH, IRC and similar services that a
 * crafted request could talk to. No industrial product serves its API on them.
 */
export const BAD_PORTS: ReadonlySet<number> = new Set([
  0, 1, 7, 9, 11, 13, 15, 17, 19, 20, 21, 22, 23, 25, 37, 42, 43, 53, 69, 77, 79, 87, 95, 101, 102, 103, 104,
  109, 110, 111, 113, 115, 117, 119, 123, 135, 137, 139, 143, 161, 179, 389, 427, 465, 512, 513, 514, 515,
  526, 530, 531, 532, 540, 548, 554, 556, 563, 587, 601, 636, 989, 990, 993, 995, 1719, 1720, 1723, 2049,
  3659, 4045, 4190, 5060, 5061, 6000, 6566, 6665, 6666, 6667, 6668, 6669, 6679, 6697, 10080,
]);
