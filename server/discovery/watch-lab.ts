import { OvsdbClient } from "../ovs/ovsdb-client";
import { MONITORED_COLUMNS } from "../ovs/ovs-state";
import type { DaemonName } from "../../lib/contracts/daemon-health";
import type { HostContext } from "../host/host-context";
import { supervise } from "./supervise";
import { dockerEvents, ipMonitor } from "./lab-streams";
import { concernsLab, monitoredInterfaces } from "./parse-ip-monitor";
import { hostDaemonsKey } from "../multihost/read-hosts";

/** How often a lab across hosts looks at its hosts' pid files. */
const HOST_DAEMONS_INTERVAL_MS = 2000;

/** What a change event says: its source, and for a root link event the interfaces it named (null: it named none). */
export type LabChange = (source: string, interfaces?: string[] | null) => void;

export interface WatchHooks {
  /** A watch lost its daemon (for daemon health to look at it now). */
  onTrouble?: (daemon: DaemonName | "ip-monitor", why: string) => void;
  /** Which root-namespace interfaces are this lab's (its veth ends, its bridge); absent: every link change counts. */
  isLabInterface?: (ifname: string) => boolean;
}

/**
 * Calls `onChange` whenever OVSDB, Docker or the root namespace's links change:
 * an OVSDB monitor, the Docker event stream and `ip monitor`. The one poll: a lab across hosts reads
 * its hosts' pid files every 2 s (a host's ovn-controller has no event stream to follow). Each survives its daemon:
 * the OVSDB client reconnects and re-monitors, the other two are started again, and after each
 * return `onChange` fires once more (whatever changed meanwhile was missed). Returns a disposer.
 */
export async function watchLab(ctx: HostContext, socketPath: string, labId: string, onChange: LabChange, hooks: WatchHooks = {}): Promise<() => void> {
  const disposers: (() => void)[] = [];
  try {
    const db = await OvsdbClient.connect(socketPath);
    disposers.push(() => db.close());
    db.on("update", () => onChange("ovsdb"));
    db.on("disconnected", (err) => hooks.onTrouble?.("ovsdb-server", err.message));
    db.on("reconnected", () => onChange("ovsdb-reconnected"));
    await db.monitor({ Bridge: MONITORED_COLUMNS.Bridge, Port: MONITORED_COLUMNS.Port, Interface: MONITORED_COLUMNS.Interface });

    disposers.push(
      await supervise(dockerEvents(ctx.docker, labId, () => onChange("docker")), {
        onTrouble: (why) => hooks.onTrouble?.("dockerd", why),
        onRestarted: () => onChange("docker-reconnected"),
      }),
    );
    disposers.push(
      // Other labs and the machine change links all the time: only this lab's interfaces start a rediscovery.
      await supervise(ipMonitor((chunk) => (!hooks.isLabInterface || concernsLab(chunk, hooks.isLabInterface)) && onChange("netlink", monitoredInterfaces(chunk))), {
        onTrouble: (why) => hooks.onTrouble?.("ip-monitor", why),
        onRestarted: () => onChange("netlink-restarted"),
      }),
    );
    disposers.push(watchHostDaemons(labId, () => onChange("host-daemons")));
  } catch (err) {
    disposers.forEach((d) => d());
    throw err;
  }
  return () => disposers.forEach((d) => d());
}

/** Calls `onChange` when a daemon of one of the lab's simulated hosts starts or stops. */
function watchHostDaemons(labId: string, onChange: () => void): () => void {
  let last: string | null = null;
  let looking = false;
  const timer = setInterval(() => {
    if (looking) return;
    looking = true;
    void hostDaemonsKey(labId)
      .then((key) => {
        if (last !== null && key !== last) onChange();
        last = key;
      })
      .catch(() => undefined)
      .finally(() => (looking = false));
  }, HOST_DAEMONS_INTERVAL_MS);
  timer.unref();
  return () => clearInterval(timer);
}
