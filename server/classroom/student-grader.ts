import { EventEmitter } from "node:events";
import { PROTOCOLS } from "../../lib/contracts/matrix";
import type { GradeCell } from "../../lib/contracts/classroom";
import { evaluateChecks, evaluateSteps, type CheckResult, type StepResult } from "../../lib/scenarios/checks";
import type { FaultState, PlantedFault } from "../../lib/scenarios/fault-kinds";
import type { Scenario } from "../../lib/scenarios/scenario-schema";
import { detectFaults } from "../faults/fault-catalog";
import { labTargetOf } from "../faults/lab-target";
import type { FaultContext } from "../faults/fault-module";
import type { LabHandle } from "../lab/lab-registry";

export interface Grades {
  checks: Record<string, GradeCell>;
  steps: StepResult[];
  percent: number;
  evaluatedAt: string;
  /** For the teacher only: what the detectors read. */
  faults: FaultState[];
}

/** A change settles this long before the lab is tested again (a burst of clicks makes one run). */
const SETTLE_MS = 300;
/**
 * A probe that heard nothing (timeout, no ARP answer) proves nothing: on a busy machine a working
 * cell sometimes does. Such cells are tested again, alone, this many times after a change, so a
 * student whose lab works is not left red until their next click.
 */
const SILENT_RETRIES = 2;
const SILENT_RETRY_MS = 700;
const SILENT = new Set(["timeout", "no-arp"]);

/**
 * Grades one student's lab from its live state: whenever the lab changes it is tested again
 * (a full matrix) and the checks are judged on the new results, the planted faults read from the
 * host; whenever results come in, they are judged at once. No timer polls.
 */
export class StudentGrader extends EventEmitter<{ grades: [Grades] }> {
  private changedAt: string | null = new Date().toISOString();
  private firstPassed = new Map<string, string>();
  private latest: Grades | null = null;
  private rerun: NodeJS.Timeout | null = null;
  private evaluating: Promise<void> | null = null;
  private again = false;
  private stopped = false;
  private silentRetries = 0;
  private retryTimer: NodeJS.Timeout | null = null;
  private readonly unsubscribe: (() => void)[] = [];

  constructor(
    private readonly ctx: FaultContext,
    private readonly handle: LabHandle,
    private readonly scenario: Scenario,
    private readonly faults: PlantedFault[],
  ) {
    super();
  }

  start(): void {
    const { lab } = this.handle;
    const onChanged = () => {
      this.changedAt = new Date().toISOString();
      this.silentRetries = 0;
      void this.evaluate();
      this.scheduleRun();
    };
    const onFinished = () => {
      void this.evaluate();
      this.retrySilentCells();
    };
    lab.on("changed", onChanged);
    lab.on("matrix:finished", onFinished);
    this.unsubscribe.push(() => lab.off("changed", onChanged), () => lab.off("matrix:finished", onFinished));
    this.scheduleRun(0);
  }

  stop(): void {
    this.stopped = true;
    if (this.rerun) clearTimeout(this.rerun);
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.unsubscribe.forEach((u) => u());
  }

  get grades(): Grades | null {
    return this.latest;
  }

  private scheduleRun(delay = SETTLE_MS): void {
    if (this.rerun) clearTimeout(this.rerun);
    this.rerun = setTimeout(() => {
      this.rerun = null;
      if (!this.stopped) void this.handle.lab.runMatrix([...PROTOCOLS], 1000).catch(() => undefined);
    }, delay);
  }

  /** The cells whose latest probe heard nothing, tested again alone (a few times per change, see SILENT_RETRIES). */
  private retrySilentCells(): void {
    if (this.stopped || this.retryTimer || this.silentRetries >= SILENT_RETRIES) return;
    const silent = this.handle.latest.all().filter((r) => !r.ok && r.error !== null && SILENT.has(r.error));
    if (!silent.length) return;
    this.silentRetries++;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      if (this.stopped) return;
      const byProtocol = new Map<(typeof PROTOCOLS)[number], Set<string>>();
      for (const r of silent) byProtocol.set(r.protocol, (byProtocol.get(r.protocol) ?? new Set()).add(`${r.from}>${r.to}`));
      for (const [protocol, pairs] of byProtocol) void this.handle.lab.runMatrix([protocol], 1000, pairs).catch(() => undefined);
    }, SILENT_RETRY_MS);
  }

  /** One evaluation at a time; news during one makes exactly one more. */
  evaluate(): Promise<void> {
    if (this.evaluating) {
      this.again = true;
      return this.evaluating;
    }
    this.evaluating = this.evaluateNow()
      .catch((err: unknown) => console.warn(`[ovs-lab] grading lab ${this.handle.lab.labId} failed: ${(err as Error).message}`))
      .finally(() => {
        this.evaluating = null;
        if (this.again && !this.stopped) {
          this.again = false;
          void this.evaluate();
        }
      });
    return this.evaluating;
  }

  private async evaluateNow(): Promise<void> {
    let discovery = await this.handle.lab.currentDiscovery();
    // Judging needs the lab as it is since its last change: a change no watcher saw (made before its agents ran) is read now.
    if (this.changedAt && Date.parse(discovery.topology.discoveredAt) < Date.parse(this.changedAt)) discovery = await this.handle.lab.refresh();
    const faults = await detectFaults(this.ctx, labTargetOf(discovery), this.faults);
    const results = evaluateChecks(this.scenario, { changedAt: this.changedAt, topology: discovery.topology, latest: this.handle.latest.all(), faults });
    if (this.stopped) return;
    this.latest = this.record(results, faults);
    this.emit("grades", this.latest);
  }

  private record(results: CheckResult[], faults: FaultState[]): Grades {
    const now = new Date().toISOString();
    const checks: Record<string, GradeCell> = {};
    for (const r of results) {
      if (r.passed && !this.firstPassed.has(r.id)) this.firstPassed.set(r.id, now);
      checks[r.id] = { status: r.status, message: r.message, firstPassedAt: this.firstPassed.get(r.id) ?? null };
    }
    const passed = results.filter((r) => r.passed).length;
    return { checks, steps: evaluateSteps(this.scenario, results), percent: results.length ? Math.round((100 * passed) / results.length) : 0, evaluatedAt: now, faults };
  }
}
