// Starts ovsdb-server, the DPDK build of ovs-vswitchd and dockerd if they are not running.
import { loadConfig } from "../server/config/env";
import { ensureOvsDaemons } from "../server/host/ovs-daemons";
import { ensureDockerDaemon, dockerClient } from "../server/host/docker-daemon";
import { ensureLabImage } from "../server/docker/lab-image";
import { ensureOvnCentral, ovnInstalled } from "../server/multihost/ovn-central";

const config = loadConfig();
try {
  await ensureOvsDaemons(config);
  await ensureDockerDaemon(config);
  await ensureLabImage(dockerClient(config));
  console.log("[ovs-lab] daemons up: ovsdb-server, ovs-vswitchd (DPDK), dockerd; lab image ready");
  // Multi-host labs (a spec with hosts) need OVN's central daemons; lab up starts them too.
  if (await ovnInstalled()) {
    await ensureOvnCentral();
    console.log("[ovs-lab] OVN central up: NB and SB databases, ovn-northd (multi-host labs)");
  } else console.log("[ovs-lab] OVN is not installed: multi-host labs are unavailable (scripts/install-deps.sh installs ovn-central ovn-host)");
} catch (err) {
  console.error(`[ovs-lab] ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
}
