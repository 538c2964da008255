import { z } from "zod";
import type { DiagnosisCause, SuggestedFix } from "./diagnosis";
import { PROTOCOLS, type ProbeError, type Protocol } from "./matrix";

/** "Explain the path" for one matrix cell: the request, checked at the edge. */
const endpointName = z.string().regex(/^[a-z][a-z0-9]{0,7}$/, "an endpoint name such as c1, host or server");
export const pathExplainRequestSchema = z
  .object({
    from: endpointName,
    to: endpointName,
    protocol: z.enum(PROTOCOLS).default("tcp"),
    /** IP packet size of the probe (ICMP only): what an MTU on the path must carry. */
    sizeBytes: z.number().int().min(64).max(9000).optional(),
    timeoutMs: z.number().int().min(100).max(5000).default(1000),
  })
  .strict()
  .refine((b) => b.from !== b.to, { message: "from and to must differ" })
  .refine((b) => b.sizeBytes === undefined || b.protocol === "icmp", { message: "sizeBytes: only an ICMP probe takes a size" });
export type PathExplainRequest = z.infer<typeof pathExplainRequestSchema>;

/**
 * Where a hop is: an endpoint's own interface, a bridge port, or a bridge's tables; in a multi-host
 * lab also a logical pipeline of OVN (from ovn-trace) and the Geneve tunnel between two hosts.
 */
export const HOP_KINDS = { endpoint: "endpoint", port: "port", bridge: "bridge", logical: "logical", tunnel: "tunnel" } as const;
export type HopKind = (typeof HOP_KINDS)[keyof typeof HOP_KINDS];

/** A rule the packet met in a bridge, with how many packets it counted while the probe ran. */
export interface HopRule {
  table: number;
  priority: number;
  match: string;
  actions: string;
  cookie: string;
  /** The id the flow list and its delete button use (server/ovs/parse-ofctl-flows flowId). */
  flowId: string;
  packetsDelta: number | null;
}

export interface PathHop {
  kind: HopKind;
  /** In words: "c1:eth0 (c1's interface)", "px-c1 (bridge port of px_br)", "bridge px_br". */
  label: string;
  bridge: string | null;
  /** The OVS port crossed, for port hops. */
  port: string | null;
  /** The lab's interface (as in the topology) behind the hop, when it has one. */
  interfaceId: string | null;
  /** An endpoint hop's name. */
  endpoint: string | null;
  direction: "out" | "in" | null;
  rules: HopRule[];
  notes: string[];
  /** Counter deltas while the probe ran, e.g. "rx +1", "tx_dropped +2". */
  counters: string[];
  /** false for the hops after the one where the packet died. */
  reached: boolean;
  /** In a multi-host lab: the host the hop is on (absent for logical hops, which are on every host). */
  host?: string;
  /** A logical hop's OVN stages (table, northd stage, match, actions), from ovn-trace. */
  stages?: { table: number; stage: string; match: string; priority: number; actions: string }[];
}

export const PATH_DEATHS = {
  flowDrop: "flow-drop",
  vlanMismatch: "vlan-mismatch",
  mtuExceeded: "mtu-exceeded",
  linkDown: "link-down",
  checksumRefused: "checksum-refused",
  notForwarded: "not-forwarded",
  unknown: "unknown",
} as const;
export type PathDeath = (typeof PATH_DEATHS)[keyof typeof PATH_DEATHS];

/** A fix the page can offer as a button: each is an operation ovs-lab has. */
export type PathFix =
  | SuggestedFix
  | { kind: "flow-delete"; flowId: string; label: string }
  | { kind: "port-tag"; port: string; tag: number | null; label: string }
  | { kind: "mtu"; interfaceId: string; mtu: number; label: string }
  | { kind: "link-up"; interfaceId: string; label: string };

export interface PathExplanation {
  from: string;
  to: string;
  protocol: Protocol;
  sizeBytes: number | null;
  probe: { ok: boolean; error: ProbeError | null; detail?: string; rttMs: number | null };
  cause: DiagnosisCause;
  headline: string;
  evidence: string[];
  fixes: PathFix[];
  hops: PathHop[];
  /** Where the packet died (an index into hops) and why; null when it arrived. */
  died: { hop: number; death: PathDeath; reason: string } | null;
  /** The ofproto/trace that was run, for the curious. */
  trace: { bridge: string; flow: string; datapathActions: string };
}
