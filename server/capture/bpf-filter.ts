import { z } from "zod";

/**
 * A BPF filter made only from parts that were checked: a protocol keyword from a
 * fixed list, IPv4 addresses, port numbers. Never a string from a user.
 */
export interface FilterParts {
  /** Any of these protocols; ARP is always allowed through when `withArp` is set. */
  protocols?: ("tcp" | "udp" | "icmp" | "arp")[];
  /** Every one of these addresses must be in the packet (src or dst). */
  hosts?: string[];
  ports?: number[];
  /** Keep ARP frames between the hosts even when protocols name only IP ones. */
  withArp?: boolean;
  /**
   * Match Geneve packets (UDP 6081) and apply the rest to the packet inside: tcpdump's `geneve`
   * primitive moves the decoding offsets past the tunnel header. For a host's underlay.
   */
  insideGeneve?: boolean;
}

const ipv4 = z.ipv4();
const port = z.number().int().min(1).max(65_535);
const protocol = z.enum(["tcp", "udp", "icmp", "arp"]);

/** tcpdump's expression as argv words, e.g. `( tcp or icmp or arp ) and host 10.0.0.1 and host 10.0.0.2`. */
export function buildBpfFilter(parts: FilterParts): string[] {
  const protocols = (parts.protocols ?? []).map((p) => protocol.parse(p));
  const hosts = (parts.hosts ?? []).map((h) => ipv4.parse(h));
  const ports = (parts.ports ?? []).map((p) => port.parse(p));
  const clauses: string[][] = [];
  if (protocols.length) {
    const withArp = parts.withArp && !protocols.includes("arp") ? [...protocols, "arp"] : protocols;
    clauses.push(group(withArp.flatMap((p, i) => (i ? ["or", p] : [p]))));
  }
  for (const h of hosts) clauses.push(["host", h]);
  if (ports.length) {
    const portWords = group(ports.flatMap((p, i) => (i ? ["or", "port", String(p)] : ["port", String(p)])));
    // ARP and ICMP errors carry no ports of their own: let them through beside the port clause.
    clauses.push(parts.withArp ? ["(", ...portWords, "or", "arp", "or", "icmp", ")"] : portWords);
  }
  const words = clauses.flatMap((c, i) => (i ? ["and", ...c] : c));
  return parts.insideGeneve ? ["geneve", ...(words.length ? ["and", ...words] : [])] : words;
}

const group = (words: string[]) => (words.includes("or") ? ["(", ...words, ")"] : words);
