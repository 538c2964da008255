import { loadConfig } from "./config/env";
import { startServer } from "./app/start-server";
import { serveBanner } from "./app/serve-links";

const TOKEN_SOURCE = { env: "from OVSLAB_TOKEN", file: "kept in the data directory", generated: "made now, kept in the data directory" } as const;

// A promise nobody awaited must not take the lab's server down: it is a bug to log, with what it was.
process.on("unhandledRejection", (reason) => {
  console.error("[ovs-lab] unhandled rejection (a bug; the server keeps serving):", reason);
});

async function main(): Promise<void> {
  const config = loadConfig();
  const server = await startServer(config);
  console.log(`[ovs-lab] serving lab "${server.lab.labId}"${config.apiOnly ? " (API only)" : ""}`);
  const { token, source, file } = server.operatorToken;
  for (const line of serveBanner(config.host, server.port, token, `${TOKEN_SOURCE[source]}${source === "env" ? "" : `: ${file}`}`)) console.log(line);
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`[ovs-lab] ${signal}: stopping (the lab stays up for the next start)`);
    const started = Date.now();
    void server.close().then(
      () => {
        console.log(`[ovs-lab] stopped in ${Date.now() - started} ms`);
        process.exit(0);
      },
      (err: unknown) => {
        console.error("[ovs-lab] stop failed:", err);
        process.exit(1);
      },
    );
    setTimeout(() => {
      console.error("[ovs-lab] did not stop within 6 s; exiting anyway");
      process.exit(1);
    }, 6000).unref();
  };
  process.on("SIGINT", () => shutdown("SIGINT"));
  process.on("SIGTERM", () => shutdown("SIGTERM"));
}

main().catch((err) => {
  console.error(`[ovs-lab] cannot start: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
