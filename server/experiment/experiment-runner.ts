import { EventEmitter } from "node:events";
import { randomUUID } from "node:crypto";
import { pendingVariant, type ExperimentRunState, type VariantResult } from "../../lib/contracts/experiment";
import type { ExperimentRequest } from "../../lib/contracts/experiment-inputs";
import type { ProbeResult } from "../../lib/contracts/matrix";
import type { LabSpec } from "../../lib/lab-spec/schema";
import { readHostFacts } from "../host/host-facts";
import type { HostContext } from "../host/host-context";
import { LabError } from "../lab/lab-errors";
import { planVariants } from "./plan-variants";
import { runVariant } from "./run-variant";

export interface ExperimentEvents {
  variant: [{ experimentId: string; variant: VariantResult }];
  result: [{ experimentId: string; variantId: string; result: ProbeResult }];
  finished: [ExperimentRunState];
}

/**
 * The seed's A/B experiment: one variant after another, each in its own lab. It has
 * an id, streams every row and probe as it lands, and `cancel()` is its disposer
 * (the variant in flight finishes its teardown; the rest are marked cancelled).
 */
export class ExperimentRun extends EventEmitter<ExperimentEvents> {
  readonly id = randomUUID();
  readonly state: ExperimentRunState;
  readonly done: Promise<ExperimentRunState>;
  private cancelled = false;

  constructor(ctx: HostContext, seed: LabSpec, request: ExperimentRequest) {
    super();
    const [a, b, c] = request.firstSubnet.split(".").map(Number);
    this.state = {
      id: this.id,
      protocols: request.protocols,
      startedAt: new Date().toISOString(),
      finishedAt: null,
      variants: planVariants(request).map((variant, i) => pendingVariant(variant, `${request.labIdPrefix}${i.toString(36)}`, `${a}.${b}.${c + i}`)),
    };
    this.done = this.run(ctx, seed, request);
  }

  cancel(): void {
    this.cancelled = true;
  }

  get running(): boolean {
    return this.state.finishedAt === null;
  }

  private async run(ctx: HostContext, seed: LabSpec, request: ExperimentRequest): Promise<ExperimentRunState> {
    try {
      await this.runRows(ctx, seed, request);
    } finally {
      this.state.finishedAt = new Date().toISOString();
      this.emit("finished", this.state);
    }
    return this.state;
  }

  private async runRows(ctx: HostContext, seed: LabSpec, request: ExperimentRequest): Promise<void> {
    const host = await readHostFacts(ctx);
    for (const row of this.state.variants) {
      if (this.cancelled) {
        row.status = "cancelled";
        this.emit("variant", { experimentId: this.id, variant: row });
        continue;
      }
      await runVariant(
        {
          ctx,
          host,
          seed,
          protocols: request.protocols,
          timeoutMs: request.timeoutMs,
          bridgeNetfilter: request.bridgeNetfilter,
          onResult: (result) => this.emit("result", { experimentId: this.id, variantId: row.variant.id, result }),
          onUpdate: () => this.emit("variant", { experimentId: this.id, variant: row }),
        },
        row,
      );
    }
  }
}

/** One experiment at a time (each variant builds a lab), and the recent ones kept for reading. */
export class ExperimentRegistry {
  private readonly runs: ExperimentRun[] = [];
  private readonly listeners: ((run: ExperimentRun) => void)[] = [];

  /** Called with every run as it starts (the socket forwards its events). */
  onRun(listener: (run: ExperimentRun) => void): void {
    this.listeners.push(listener);
  }

  start(ctx: HostContext, seed: LabSpec, request: ExperimentRequest): ExperimentRun {
    const busy = this.runs.find((r) => r.running);
    if (busy) throw new LabError("conflict", `experiment ${busy.id} is still running; wait for it or cancel it`);
    const run = new ExperimentRun(ctx, seed, request);
    run.done.catch(() => undefined);
    this.listeners.forEach((l) => l(run));
    this.runs.push(run);
    if (this.runs.length > 5) this.runs.shift();
    return run;
  }

  get(id: string): ExperimentRun {
    const run = this.runs.find((r) => r.id === id);
    if (!run) throw new LabError("notFound", `no experiment "${id}"; the 5 most recent are kept`);
    return run;
  }

  cancelAll(): void {
    for (const r of this.runs) r.cancel();
  }
}
