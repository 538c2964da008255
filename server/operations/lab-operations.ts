import { z } from "zod";
import { labUpRequestSchema, matrixRequestSchema, offloadChangeSchema, type MatrixRequest } from "../../lib/contracts/api-inputs";
import { PROTOCOLS, type MatrixRun, type ProbeResult } from "../../lib/contracts/matrix";
import type { HealthInfo } from "../../lib/contracts/health";
import { impairmentSupport } from "../impair/impairment-support";
import { DAEMON_NAMES } from "../../lib/contracts/daemon-health";
import { startDaemonAgain } from "../host/restart-daemon";
import { cachedHostFacts } from "../host/host-facts-cache";
import { LabError } from "../lab/lab-errors";
import { loadTemplate, listTemplates, parseLabSpec } from "../lab/templates";
import { refuseHostConflicts as refuseHostConflictsOf } from "../lab/host-safety";
import { defineOperation } from "./operation";
import type { LabStateAnswer } from "../../lib/contracts/lab-state";
import { packResults, packRun, type PackedRun } from "../../lib/contracts/packed-results";
import type { LabServices } from "./lab-services";

export const noInput = z.object({}).strict();
const interfaceId = z.string().min(1).max(64);

export const health = defineOperation({
  name: "health",
  access: "viewer",
  input: noInput,
  run: async ({ ctx, lab }): Promise<HealthInfo> => {
    const daemons = ctx.health!.snapshot();
    const impairments = await impairmentSupport().catch(() => null);
    return { ok: daemons.down.length === 0, labId: lab.labId, host: await cachedHostFacts(ctx), daemons, impairments };
  },
});

export const templates = defineOperation({
  name: "templates",
  access: "viewer",
  input: noInput,
  run: async ({ ctx }) => ({ templates: await listTemplates(ctx.config.projectRoot) }),
});

export const topology = defineOperation({ name: "topology", access: "viewer", input: noInput, run: ({ lab }) => lab.topology() });

export const interfaces = defineOperation({
  name: "interfaces",
  access: "viewer",
  input: noInput,
  run: async ({ lab }) => ({ interfaces: (await lab.topology()).interfaces }),
});

export const interfaceById = defineOperation({
  name: "interface",
  access: "viewer",
  input: z.object({ id: interfaceId }).strict(),
  run: ({ lab }, { id }) => lab.interfaceById(id),
});

/** A finished full run never changes: packed once, whichever pages read it (a class's viewers arrive together). */
const packedRuns = new WeakMap<MatrixRun, PackedRun>();
function packedRun(run: MatrixRun): PackedRun {
  let packed = packedRuns.get(run);
  if (!packed) packedRuns.set(run, (packed = packRun(run)));
  return packed;
}

/** The lab's state revision (lib/contracts/lab-state.ts): its own events and the daemons' changes. */
export const stateRevision = ({ ctx, lab }: Pick<LabServices, "ctx" | "lab">): string => `${lab.revision}.${ctx.health?.changes ?? 0}`;

/**
 * What every page asks first: the lab, the host and the newest result of every cell, results as rows.
 * `latest` leaves out what `lastRun` already holds (a 100-endpoint lab's run is 30,300 results).
 */
export const labState = defineOperation({
  name: "state",
  access: "viewer",
  input: noInput,
  run: async ({ ctx, lab, latest }): Promise<LabStateAnswer> => {
    // Read before waiting: what changes meanwhile makes the page's hello differ, and it reads again.
    const revision = stateRevision({ ctx, lab });
    const [topology, host] = await Promise.all([lab.topology(), cachedHostFacts(ctx)]);
    const lastRun = lab.lastRun;
    return {
      revision,
      topology,
      host,
      lastRun: lastRun && packedRun(lastRun),
      latest: packResults(latest.all().filter((r) => r.runId !== lastRun?.runId)),
      daemons: ctx.health!.snapshot(),
    };
  },
});

/**
 * `retest`: the pairs the change can affect are tested again as soon as the kernel has it (the page's
 * one click), in a run every page sees; a busy lab (429) just skips it.
 */
export const offloadSet = defineOperation({
  name: "offload change",
  access: "operator",
  input: z.object({ interfaceId, changes: offloadChangeSchema, retest: z.boolean().optional() }).strict(),
  run: (services, { interfaceId: id, changes, retest }) =>
    services.lab.setOffload(id, changes, retest ? (pairs) => retestPairs(services, pairs) : undefined),
});

function retestPairs(services: LabServices, pairs: [string, string][]): void {
  if (pairs.length === 0) return;
  try {
    queueRun(services, { protocols: [...PROTOCOLS], pairs }).done.catch(() => undefined);
  } catch (err) {
    console.warn(`[ovs-lab] re-test after an offload change not started: ${String(err)}`);
  }
}

export const labUp = defineOperation({
  name: "lab up",
  access: "operator",
  input: labUpRequestSchema,
  run: async ({ ctx, lab, labs, scope }, body) => {
    const spec = body.spec !== undefined ? parseLabSpec(body.spec, "spec") : await loadTemplate(ctx.config.projectRoot, body.template ?? "seed");
    let target = lab;
    if (spec.id !== lab.labId) {
      if (scope === "named") throw new LabError("invalid", `spec.id: this is lab ${lab.labId}'s route; lab ${spec.id} is brought up with POST /api/labs/${spec.id}/lab/up`);
      // The single-lab route: the server's default lab becomes this one (the other stays hosted, and up).
      await refuseHostConflictsOf(ctx, spec);
      target = (await labs.setDefault(spec.id)).lab;
    }
    const queued = target.upQueued(spec);
    // merged: this request joined an identical up already under way, and answers with its result.
    return { labId: spec.id, topology: await queued.promise, merged: queued.merged };
  },
});

export const labDown = defineOperation({
  name: "lab down",
  access: "operator",
  input: noInput,
  run: async ({ lab }) => ({ labId: lab.labId, ...(await lab.down()) }),
});

export const matrixLatest = defineOperation({
  name: "latest matrix",
  access: "viewer",
  input: noInput,
  run: ({ lab }) => {
    if (!lab.lastRun) throw new LabError("notFound", "no matrix has run yet; the operator starts one with Run tests (POST /api/matrix)");
    return lab.lastRun;
  },
});

function queueRun({ ctx, lab }: LabServices, request: MatrixRequest) {
  const pairs = request.pairs ? new Set(request.pairs.map(([a, b]) => `${a}>${b}`)) : undefined;
  return lab.queueMatrix(request.protocols, request.timeoutMs ?? ctx.config.probeTimeoutMs, pairs);
}

/** A run under way for one caller: its results so far and as they land, and the whole run once its last probe is in. */
export interface MatrixRunning {
  merged: boolean;
  /** The run itself, still filling: the same object for every caller merged onto it. */
  run: MatrixRun;
  /** Every result so far, then each as it lands, until the returned function is called. */
  follow: (onResult: (result: ProbeResult) => void) => () => void;
  done: Promise<MatrixRun>;
}

/**
 * A whole run (HTTP, CLI): answered once it started, so that its answer (a MatrixAnswer) is written out
 * while the probes go (http-bindings) and is all sent when the last one is in.
 */
export const matrixRun = defineOperation({
  name: "matrix run",
  access: "operator",
  input: matrixRequestSchema,
  run: async (services, request): Promise<MatrixRunning> => {
    const queued = queueRun(services, request);
    queued.done.catch(() => undefined); // a failure once started is the answer's writer to tell
    const run = await queued.started;
    return { merged: queued.merged, run, follow: (onResult) => services.lab.followRun(run, onResult), done: queued.done };
  },
});

/** The same run, answered as soon as it started; results stream to every page (the socket). */
export const matrixStart = defineOperation({
  name: "matrix run",
  access: "operator",
  input: matrixRequestSchema,
  run: async (services, request) => {
    const queued = queueRun(services, request);
    queued.done.catch(() => undefined); // its failure is answered through `started`, or seen by the pages
    return { runId: (await queued.started).runId, merged: queued.merged };
  },
});

/** "Start it again": the daemon is started as `npm run up` does; the lab is repaired when all are back. */
export const daemonStart = defineOperation({
  name: "daemon start",
  access: "operator",
  input: z.object({ daemon: z.enum(DAEMON_NAMES) }).strict(),
  run: async ({ ctx }, { daemon }) => (await startDaemonAgain(ctx.config, daemon, ctx.health)) ?? ctx.health!.snapshot(),
});
