import { spawn, type ChildProcess } from "node:child_process";
import { waitForServer } from "./lab-api";
import { E2E_NEXT_DIST_DIR, E2E_TOKEN } from "./e2e-env";

/** A second real server (same build, same lab) that a test may stop and start, e.g. to see the page reconnect. */
export class ServerProcess {
  private child: ChildProcess | null = null;

  constructor(
    readonly labId: string,
    readonly port: number,
  ) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    this.child = spawn(process.execPath, ["--import", "tsx", "server/main.ts"], {
      env: { ...process.env, OVSLAB_LAB_ID: this.labId, PORT: String(this.port), HOST: "127.0.0.1", OVSLAB_DATA_DIR: `.cache/e2e-data-${this.labId}-${this.port}`, OVSLAB_NEXT_DIST_DIR: E2E_NEXT_DIST_DIR, OVSLAB_TOKEN: E2E_TOKEN },
      stdio: "ignore",
      shell: false,
    });
    await waitForServer(this.url, 60_000);
  }

  /** SIGTERM to the one process this object started, then wait for it to exit. */
  async stop(): Promise<void> {
    const child = this.child;
    this.child = null;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.kill("SIGTERM");
    const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
    await exited;
    clearTimeout(timer);
  }
}
