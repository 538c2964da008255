import { containersLab, seedLabAs } from "../../server/lab/derived-labs";
import type { LabSpec } from "../../lib/lab-spec/schema";

/** The seed lab under another id and /24, so tests never touch a user's lab. */
export async function seedSpecFor(labId: string, subnet24: string): Promise<LabSpec> {
  return seedLabAs(labId, subnet24);
}

/**
 * `count` containers and the host on one userspace bridge, TX checksum offload off everywhere but on
 * the containers named in `txOn`: their TCP and UDP fail with bad-checksum, everything else passes.
 */
export function containersWithTxOn(labId: string, subnet24: string, count: number, txOn: readonly string[]): LabSpec {
  const spec = containersLab(labId, subnet24, count, { hostEndpoint: true });
  return {
    ...spec,
    bridge: { ...spec.bridge, offload: { tx: false } },
    endpoints: spec.endpoints.map((e) => ({ ...e, offload: { tx: txOn.includes(e.name) } })),
  };
}
