import { readdir, rm } from "node:fs/promises";
import path from "node:path";
import { E2E_BASE_URL } from "./support/e2e-env";
import { labDown } from "./support/lab-api";

/** Whatever the tests did, the e2e lab goes away, and so do the data directories its servers made. */
export default async function globalTeardown(): Promise<void> {
  await labDown(E2E_BASE_URL);
  const cache = path.join(process.cwd(), ".cache");
  const dirs = (await readdir(cache).catch(() => [])).filter((d) => d.startsWith("e2e-data-"));
  await Promise.all(dirs.map((d) => rm(path.join(cache, d), { recursive: true, force: true })));
}
