/**
 * UI figures against the real server, the real lab and Debian's chromium:
 * - toggle to re-tested cells: click on c1's TX badge in the seed lab until every re-tested cell shows its new result;
 * - first render of a 20-container lab's graph.
 * `runUiBench()` is called by bench/main.ts; `npx tsx bench/ui-bench.ts` runs it alone.
 */
import { execFile } from "node:child_process";
import { existsSync, mkdirSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { chromium, type Browser, type Page } from "playwright-core";
import { loadConfig } from "../server/config/env";
import { startServer, type RunningServer } from "../server/app/start-server";
import type { LabSpec } from "../lib/lab-spec/schema";
import { CHROMIUM_LAUNCH, SCREENSHOT_DIR } from "../e2e/support/e2e-env";
import { labDown, labUp } from "../e2e/support/lab-api";
import { containersLab, seedLabAs } from "../server/lab/derived-labs";

const projectRoot = path.resolve(import.meta.dirname, "..");
import { timeFirstRender, timeToggle, type ExpectedCell } from "./ui-measure";

const TOGGLES = Number(process.env.BENCH_UI_TOGGLES ?? 6);
const RENDERS = Number(process.env.BENCH_UI_RENDERS ?? 3);
const PROTOCOLS = ["icmp", "tcp", "udp"] as const;
const SEED_NAMES = ["host", "c1", "c2", "server"];

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const fmt = (xs: number[]) => `median ${median(xs).toFixed(0)} ms (min ${Math.min(...xs).toFixed(0)}, max ${Math.max(...xs).toFixed(0)}, n=${xs.length})`;

export async function ensureBuild(): Promise<void> {
  if (existsSync(path.join(projectRoot, ".next", "BUILD_ID"))) return;
  console.log("  (no production build of the UI: running next build)");
  await promisify(execFile)(process.execPath, [path.join(projectRoot, "node_modules/next/dist/bin/next"), "build"], { cwd: projectRoot });
}

/** The real server with the UI, on a free port, serving `labId`. */
async function uiServer(labId: string): Promise<RunningServer> {
  const config = loadConfig([], { ...process.env, OVSLAB_LAB_ID: labId });
  return startServer({ ...config, apiOnly: false, dev: false, port: 0, host: "127.0.0.1", bootTemplate: "", projectRoot, dataDir: path.join(projectRoot, ".cache/bench-ui-data") });
}

/** With c2's offload on, c1's TCP/UDP works with host and server once its own offload is off; never with c2. */
function c1Cells(c1Off: boolean): ExpectedCell[] {
  return SEED_NAMES.filter((n) => n !== "c1").flatMap((other) =>
    [["c1", other], [other, "c1"]].flatMap(([from, to]) =>
      PROTOCOLS.map((p): ExpectedCell => ({ testId: `cell-${p}-${from}-${to}`, status: p === "icmp" || (c1Off && other !== "c2") ? "ok" : "fail" })),
    ),
  );
}

async function withLab<T>(server: RunningServer, spec: LabSpec, body: () => Promise<T>): Promise<T> {
  try {
    await labUp(server.url, spec, server.operatorToken.token);
    return await body();
  } finally {
    await labDown(server.url, server.operatorToken.token).catch((err) => console.error(`  could not bring ${spec.id} down: ${String(err)}`));
  }
}

async function benchToggle(browser: Browser): Promise<void> {
  const spec = seedLabAs("us", "10.77.17");
  const server = await uiServer(spec.id);
  try {
    await withLab(server, spec, async () => {
      console.log(`  seed lab "${spec.id}" is up on ${server.url}`);
      const page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
      // The operator link, as a person opens it: the token becomes a session cookie.
      await page.goto(`${server.url}/?token=${server.operatorToken.token}`);
      await page.getByRole("button", { name: "Run tests" }).click();
      await page.waitForFunction(`document.querySelectorAll('[data-status="ok"],[data-status="fail"]').length === 36`, undefined, { timeout: 20_000 });
      const samples: number[] = [];
      for (let i = 0; i < TOGGLES; i++) samples.push(await timeToggle(page, "tx-badge-c1:eth0", c1Cells(i % 2 === 0)));
      const off = samples.filter((_, i) => i % 2 === 0);
      const on = samples.filter((_, i) => i % 2 === 1);
      console.log(`\nUI, seed lab: click on c1's TX badge until its 18 re-tested cells show the new result`);
      console.log(`  all toggles: ${fmt(samples)}  target < 1000 ms  ${median(samples) < 1000 ? "MET" : "MISSED"}`);
      console.log(`  turning off (cells go green): ${fmt(off)}; turning on (cells go red, each waits out the probe timeout): ${fmt(on)}`);
      await page.close();
    });
  } finally {
    await server.close();
  }
}

async function benchRender(browser: Browser): Promise<void> {
  const spec = containersLab("ub", "10.77.18", 20);
  const server = await uiServer(spec.id);
  try {
    await withLab(server, spec, async () => {
      console.log(`  20-container lab "${spec.id}" is up on ${server.url}`);
      const samples: number[] = [];
      let page: Page | null = null;
      for (let i = 0; i < RENDERS; i++) {
        await page?.close();
        page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
        samples.push((await timeFirstRender(page, server.url, '[data-testid^="node-c"]', 20)).cardsMs);
      }
      console.log(`\nUI, 20-container lab: navigation start to all 20 cards drawn: ${fmt(samples)} (first load ${samples[0].toFixed(0)} ms)`);
      mkdirSync(path.join(projectRoot, SCREENSHOT_DIR), { recursive: true });
      await page!.waitForTimeout(300);
      await page!.screenshot({ path: path.join(projectRoot, SCREENSHOT_DIR, "ub-20-containers.png"), fullPage: true });
      await page!.close();
    });
  } finally {
    await server.close();
  }
}

export async function runUiBench(): Promise<void> {
  await ensureBuild();
  console.log("\nUI bench: real server, real labs, Debian's chromium");
  const browser = await chromium.launch({ ...CHROMIUM_LAUNCH, headless: true });
  try {
    await benchToggle(browser);
    await benchRender(browser);
  } finally {
    await browser.close();
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  runUiBench().then(
    () => process.exit(0),
    (err) => {
      console.error(err);
      process.exit(1);
    },
  );
}
