import { loadConfig } from "./config/env";
import { startServer } from "./app/start-server";

async function main(): Promise<void> {
  const config = loadConfig();
  const server = await startServer(config);
  console.log(`[ovs-lab] serving lab "${server.lab.labId}" on http://localhost:${config.port}${config.apiOnly ? " (API only)" : ""}`);
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
