import { defineConfig } from "@playwright/test";
import { CHROMIUM_LAUNCH, E2E_BASE_URL, E2E_LAB_ID, E2E_NEXT_DIST_DIR, E2E_PORT, E2E_TOKEN } from "./e2e/support/e2e-env";
import { operatorStorageState } from "./e2e/support/operator-session";

/**
 * Browser tests against the real server and the real seed lab (OVS userspace + DPDK + Docker).
 * The server is a production build of the UI on its own port and lab id; global setup brings
 * the lab up, global teardown brings it down. The server's operator token is made per run (E2E_TOKEN).
 */
export default defineConfig({
  testDir: "e2e",
  testMatch: "*.spec.ts",
  fullyParallel: false,
  workers: 1,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  outputDir: "test-results/e2e",
  globalSetup: "./e2e/global-setup.ts",
  globalTeardown: "./e2e/global-teardown.ts",
  use: {
    baseURL: E2E_BASE_URL,
    browserName: "chromium",
    viewport: { width: 1440, height: 1000 },
    launchOptions: CHROMIUM_LAUNCH,
    trace: "retain-on-failure",
    // Pages are the operator's (the session cookie the operator link sets); viewer specs start without it.
    storageState: operatorStorageState(),
  },
  webServer: {
    command: "npx next build && npx tsx server/main.ts",
    url: `${E2E_BASE_URL}/api/health`,
    timeout: 240_000,
    reuseExistingServer: false,
    stdout: "pipe",
    stderr: "pipe",
    env: { OVSLAB_LAB_ID: E2E_LAB_ID, PORT: String(E2E_PORT), HOST: "127.0.0.1", OVSLAB_DATA_DIR: `.cache/e2e-data-${E2E_LAB_ID}`, OVSLAB_NEXT_DIST_DIR: E2E_NEXT_DIST_DIR, OVSLAB_TOKEN: E2E_TOKEN },
  },
});
