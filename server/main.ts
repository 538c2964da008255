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
  const shutdown = () => {
    void server.close().finally(() => process.exit(0));
    setTimeout(() => process.exit(0), 2000).unref();
  };
  process.on("SIGINT", shutdown);
  process.on("SIGTERM", shutdown);
}

main().catch((err) => {
  console.error(`[ovs-lab] cannot start: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
