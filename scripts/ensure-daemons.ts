// Starts ovsdb-server, the DPDK build of ovs-vswitchd and dockerd if they are not running.
import { loadConfig } from "../server/config/env";
import { ensureOvsDaemons } from "../server/host/ovs-daemons";
import { ensureDockerDaemon, dockerClient } from "../server/host/docker-daemon";
import { ensureLabImage } from "../server/docker/lab-image";

const config = loadConfig();
try {
  await ensureOvsDaemons(config);
  await ensureDockerDaemon(config);
  await ensureLabImage(dockerClient(config));
  console.log("[ovs-lab] daemons up: ovsdb-server, ovs-vswitchd (DPDK), dockerd; lab image ready");
} catch (err) {
  console.error(`[ovs-lab] ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
}
