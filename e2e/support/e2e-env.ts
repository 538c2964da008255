import { randomBytes } from "node:crypto";
/** The e2e lab: its own id, /24 and port, so it runs beside a user's lab and other tests. */
export const E2E_LAB_ID = process.env.OVSLAB_E2E_LAB_ID ?? "e1";
export const E2E_SUBNET = process.env.OVSLAB_E2E_SUBNET ?? "10.77.19";
export const E2E_PORT = Number(process.env.OVSLAB_E2E_PORT ?? 3250);
export const E2E_BASE_URL = `http://127.0.0.1:${E2E_PORT}`;
/** The experiment spec's labs: this prefix + 0..2, on three /24s from this one. */
export const E2E_EXPERIMENT_PREFIX = process.env.OVSLAB_E2E_EXPERIMENT_PREFIX ?? "va";
export const E2E_EXPERIMENT_SUBNET = process.env.OVSLAB_E2E_EXPERIMENT_SUBNET ?? "10.77.70";
/**
 * The e2e server's operator token: made once per run by the config (workers inherit the variable),
 * so no test depends on a token kept on the machine.
 */
export const E2E_TOKEN = (process.env.OVSLAB_E2E_TOKEN ??= `e2e-${randomBytes(24).toString("base64url")}`);

/**
 * The e2e build folder: never the .next a running dashboard serves. Two e2e runs at once (each on its
 * own port and lab id) each need their own, or one build replaces the other's under its server.
 */
export const E2E_NEXT_DIST_DIR = process.env.OVSLAB_E2E_NEXT_DIST_DIR ?? ".next-e2e";

/** Debian's chromium: browsers cannot be downloaded here. Flags keep it from reaching out. */
export const CHROMIUM_LAUNCH = {
  executablePath: process.env.OVSLAB_CHROMIUM ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
};

export const SCREENSHOT_DIR = "test-results/screenshots";
