import type { Topology } from "../../lib/contracts/topology";
import type { LabSpec } from "../../lib/lab-spec/schema";
import { deriveLabSpec } from "../../lib/snapshots/derive-spec";
import type { DaemonHealth } from "../host/daemon-health";
import { createDaemonHealth } from "../host/daemon-probes";
import type { HostContext } from "../host/host-context";
import type { WatchHooks } from "../discovery/watch-lab";
import { OvsdbUnavailableError } from "../ovs/ovsdb-client";
import { repairOnDaemonReturn, type Repairable } from "./daemon-recovery";
import { LabError } from "./lab-errors";

export interface LabDaemons {
  health: DaemonHealth;
  /** For watchLab: a watch that lost its daemon has health look at that daemon now. */
  hooks: WatchHooks;
  /** The lab was brought up or down on purpose: a repair pending from a daemon's absence is dropped. */
  forgetRepair(): void;
  stop(): void;
}

/** The daemon health a lab follows (the server's ctx.health, else one of its own) and the repair it runs when they return. */
export function watchLabDaemons(ctx: HostContext, lab: Repairable): LabDaemons {
  const own = ctx.health ? null : createDaemonHealth(ctx).start();
  const health = ctx.health ?? own!;
  const repair = repairOnDaemonReturn(health, lab);
  return {
    health,
    hooks: { onTrouble: (daemon) => void (daemon !== "ip-monitor" && health.check(daemon)) },
    forgetRepair: () => repair.forget(),
    stop: () => {
      repair.stop();
      own?.stop();
    },
  };
}

/**
 * The spec a repair brings the lab back to: the one last brought up here, else the discovered lab when
 * every endpoint in it runs (a derived spec leaves stopped endpoints out, and `up` would remove them).
 */
export function specToRepair(spec: LabSpec | null, topology: Topology | null): LabSpec | null {
  if (spec) return spec;
  if (!topology?.bridge || topology.endpoints.some((e) => e.state !== "running")) return null;
  try {
    return deriveLabSpec(topology);
  } catch {
    return null;
  }
}

/** A driver error that only says a daemon is away becomes a 503 naming it; others pass unchanged. */
export function asDaemonUnavailable(err: unknown, ctx: HostContext): never {
  if (err instanceof OvsdbUnavailableError) throw new LabError("unavailable", err.message);
  const e = err as NodeJS.ErrnoException & { address?: string };
  if ((e?.code === "ECONNREFUSED" || e?.code === "ENOENT") && e.address === ctx.config.dockerSocket)
    throw new LabError("unavailable", `dockerd is not answering at ${ctx.config.dockerSocket} (${e.code}); ovs-lab carries on when it is back`);
  throw err;
}
