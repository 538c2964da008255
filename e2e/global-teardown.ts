import { E2E_BASE_URL } from "./support/e2e-env";
import { labDown } from "./support/lab-api";

/** Whatever the tests did, the e2e lab goes away. */
export default async function globalTeardown(): Promise<void> {
  await labDown(E2E_BASE_URL);
}
