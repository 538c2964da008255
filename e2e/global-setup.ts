import { E2E_BASE_URL, E2E_LAB_ID, E2E_SUBNET } from "./support/e2e-env";
import { seedSpecFor } from "./support/lab-specs";
import { labDown, labUp, waitForServer } from "./support/lab-api";

/** The real seed lab, retargeted to the e2e id and subnet, on the real server Playwright started. */
export default async function globalSetup(): Promise<void> {
  await waitForServer(E2E_BASE_URL);
  try {
    await labUp(E2E_BASE_URL, await seedSpecFor(E2E_LAB_ID, E2E_SUBNET));
  } catch (err) {
    await labDown(E2E_BASE_URL).catch(() => undefined);
    throw err;
  }
}
