/**
 * `npm run up` when a server already answers on PORT: bring the seed lab up there (idempotent) as the
 * operator, with the token the server keeps, and print the same links a fresh start prints.
 * Exit 3 when no server answers (up.sh then starts one).
 */
import { loadConfig } from "../server/config/env";
import { readTokenFile } from "../server/auth/operator-token";
import { serveBanner } from "../server/app/serve-links";
import { createApiClient } from "../lib/api-client/api-client";
import { serverAnswers } from "../server/cli/cli-errors";

async function main(): Promise<number> {
  const config = loadConfig();
  const url = `http://127.0.0.1:${config.port}`;
  if (!(await serverAnswers(url))) return 3;
  const token = config.operatorToken ?? (await readTokenFile(config.dataDir));
  if (!token) {
    console.error(`[ovs-lab] a server answers on ${url} but no operator token is in ${config.dataDir}; set OVSLAB_TOKEN to its token`);
    return 1;
  }
  console.log(`[ovs-lab] already serving on ${url}; bringing the seed lab up there (idempotent)`);
  const { labId } = await createApiClient({ baseUrl: url, token }).labUp({ body: { template: "seed" }, timeoutMs: 300_000 });
  console.log(`[ovs-lab] lab "${labId}" is up`);
  for (const line of serveBanner(config.host, config.port, token, config.operatorToken ? "from OVSLAB_TOKEN" : `kept in ${config.dataDir}`)) console.log(line);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(`[ovs-lab] ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  },
);
