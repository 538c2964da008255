import { seedLabAs } from "../../server/lab/derived-labs";
import type { LabSpec } from "../../lib/lab-spec/schema";

/** The seed lab under another id and /24, so tests never touch a user's lab. */
export async function seedSpecFor(labId: string, subnet24: string): Promise<LabSpec> {
  return seedLabAs(labId, subnet24);
}
