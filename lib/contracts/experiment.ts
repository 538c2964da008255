import type { ProbeResult, Protocol } from "./matrix";
import type { DiagnosisCause } from "./diagnosis";

/** The seed's A/B table: which switch, which kind of endpoint, container TX offload on or off. */
export const SWITCH_VARIANTS = ["ovs-dpdk", "ovs-userspace", "linux-bridge", "ovs-kernel", "ovn-geneve"] as const;
export type SwitchVariant = (typeof SWITCH_VARIANTS)[number];
export const ENDPOINT_VARIANTS = ["containers", "netns"] as const;
export type EndpointVariant = (typeof ENDPOINT_VARIANTS)[number];

export const SWITCH_LABELS: Record<SwitchVariant, string> = {
  "ovs-dpdk": "OVS userspace with DPDK port",
  "ovs-userspace": "OVS userspace without DPDK",
  "linux-bridge": "Linux bridge",
  "ovs-kernel": "OVS kernel datapath",
  "ovn-geneve": "Containers on two hosts over OVN/Geneve (c1 on host a; c2 and server on host b)",
};

/** Variants whose lab spans simulated hosts (server/multihost): they also need an underlay /24. */
export const MULTI_HOST_SWITCHES: readonly SwitchVariant[] = ["ovn-geneve"];

/** Every variant of the table: switch × endpoints × offload on/off. */
export const VARIANT_COUNT = SWITCH_VARIANTS.length * ENDPOINT_VARIANTS.length * 2;

/**
 * A multi-host variant's underlay /24, derived from its own /24: the third octet plus VARIANT_COUNT.
 * A run's variants take firstSubnet .. firstSubnet+VARIANT_COUNT-1 (third octet), so the underlays
 * land in the next VARIANT_COUNT /24s and never meet a variant's endpoint subnet of the same run.
 * "10.99.8" (variant 8) has its underlay on "10.99.28".
 */
export function underlaySubnet(subnet24: string): string {
  const [a, b, c] = subnet24.split(".").map(Number);
  return `${a}.${b}.${c + VARIANT_COUNT}`;
}

export interface ExperimentVariant {
  /** `ovs-dpdk/containers/offload-on` */
  id: string;
  switch: SwitchVariant;
  endpoints: EndpointVariant;
  /** TX checksum offload on the two endpoints' eth0 (the server's stays off, like a real NIC). */
  offload: boolean;
}

export const VARIANT_STATUS = {
  pending: "pending",
  building: "building",
  running: "running",
  done: "done",
  notRunnable: "not-runnable",
  error: "error",
  cancelled: "cancelled",
} as const;
export type VariantStatus = (typeof VARIANT_STATUS)[keyof typeof VARIANT_STATUS];

export interface VariantResult {
  variant: ExperimentVariant;
  labId: string;
  subnet: string;
  status: VariantStatus;
  /** Why it cannot run here, or what went wrong. */
  reason?: string;
  /** What the runner did to the host for this variant, e.g. a scoped iptables rule, and undid. */
  notes: string[];
  /** Per protocol: how many pairs worked. */
  tally: Partial<Record<Protocol, { ok: number; total: number }>>;
  /** `tcp c1>c2` for every pair that failed. */
  failing: string[];
  results: Omit<ProbeResult, "runId" | "at">[];
  /** Why the first failing TCP/UDP pair failed, from packets captured on both its ends. */
  explanation?: { pair: string; cause: DiagnosisCause; headline: string; evidence: string[] };
  durationMs: number | null;
}

/** A variant's row before it has run. */
export function pendingVariant(variant: ExperimentVariant, labId: string, subnet: string): VariantResult {
  return { variant, labId, subnet, status: VARIANT_STATUS.pending, notes: [], tally: {}, failing: [], results: [], durationMs: null };
}

export interface ExperimentRunState {
  id: string;
  protocols: Protocol[];
  startedAt: string;
  finishedAt: string | null;
  variants: VariantResult[];
}

export function variantId(v: Omit<ExperimentVariant, "id">): string {
  return `${v.switch}/${v.endpoints}/offload-${v.offload ? "on" : "off"}`;
}
