import type { CapturedPacket } from "../contracts/capture";
import type { ProbeResult } from "../contracts/matrix";
import type { Topology } from "../contracts/topology";
import type { CheckSubject, ScenarioCheck } from "./check-schema";
import type { FaultState } from "./fault-kinds";
import type { ScenarioStep } from "./scenario-schema";

/** A capture as a check sees it: where, when it ended, and its packets' protocols and L4 checksum verdicts. */
export interface CaptureObservation {
  interfaceId: string;
  at: string;
  packets: Pick<CapturedPacket, "protocol" | "l4Checksum">[];
}

/** Everything checks are judged on, as ovs-lab observed it. */
export interface Observation {
  /** When the lab last changed (a fix, a planted fault, a topology event); null judges everything now. */
  changedAt: string | null;
  topology: Topology | null;
  /** The newest result of each cell (older ones of the same cell are ignored). */
  latest: ProbeResult[];
  /** The fault detectors' findings, one per planted fault. */
  faults: FaultState[];
  captures?: CaptureObservation[];
}

export type CheckStatus = "passed" | "failed" | "pending";

export interface CheckResult {
  id: string;
  /** pending: what the check needs was not observed since the lab last changed (not judged yet). */
  status: CheckStatus;
  passed: boolean;
  message: string;
}

type Verdict = { status: "passed" | "failed"; words: string } | { status: "pending"; words: string };

/** Judged only when the observation it depends on is at least as new as the lab's last change. */
const fresh = (at: string | null | undefined, changedAt: string | null) => !!at && (changedAt === null || Date.parse(at) >= Date.parse(changedAt));

function judgeCell(s: Extract<CheckSubject, { kind: "cell" }>, o: Observation): Verdict {
  const name = `${s.protocol} ${s.from}->${s.to}`;
  const result = o.latest
    .filter((r) => r.protocol === s.protocol && r.from === s.from && r.to === s.to)
    .reduce<ProbeResult | null>((newest, r) => (!newest || Date.parse(r.at) > Date.parse(newest.at) ? r : newest), null);
  if (!result) return { status: "pending", words: `${name} has not been tested yet: run the tests` };
  if (!fresh(result.at, o.changedAt)) return { status: "pending", words: `${name} has not been tested since the lab last changed: run the tests again` };
  const wanted = s.expect === "ok";
  const why = result.error ? ` (${result.error}${result.droppedBy ? `, dropped by ${result.droppedBy}` : ""})` : "";
  if (result.ok === wanted) return { status: "passed", words: wanted ? `${name} works` : `${name} fails${why}, as it should` };
  return { status: "failed", words: wanted ? `${name} fails${why}` : `${name} works, but it should fail` };
}

function judgeInterface(s: Extract<CheckSubject, { kind: "interface" }>, o: Observation): Verdict {
  if (!o.topology || !fresh(o.topology.discoveredAt, o.changedAt)) return { status: "pending", words: "waiting for the lab to be read again" };
  const id = s.interfaceId.replace("{lab}", o.topology.labId);
  const iface = o.topology.interfaces.find((i) => i.id === id);
  if (!iface) return { status: "failed", words: `${id} is not in the lab (is ${id.split(":")[0]} running?)` };
  const wrong: string[] = [];
  const right: string[] = [];
  const compare = (label: string, want: unknown, have: unknown, show: (v: unknown) => string) => {
    if (want === undefined) return;
    if (want === have) right.push(`${label} ${show(have)}`);
    else wrong.push(`${label} ${show(have)}, it should be ${show(want)}`);
  };
  const onOff = (v: unknown) => (v === undefined ? "unknown" : v ? "on" : "off");
  compare("tx-checksumming", s.tx, iface.offload.tx?.on, onOff);
  compare("MTU", s.mtu, iface.mtu, String);
  compare("link", s.up, iface.up, (v) => (v ? "up" : "down"));
  return wrong.length ? { status: "failed", words: `${id}: ${wrong.join("; ")}` } : { status: "passed", words: `${id}: ${right.join(", ")}` };
}

function judgeCapture(s: Extract<CheckSubject, { kind: "capture" }>, o: Observation): Verdict {
  const id = o.topology ? s.interfaceId.replace("{lab}", o.topology.labId) : s.interfaceId;
  const capture = (o.captures ?? []).filter((c) => c.interfaceId === id).sort((a, b) => Date.parse(b.at) - Date.parse(a.at))[0];
  if (!capture || !fresh(capture.at, o.changedAt)) return { status: "pending", words: `no capture on ${id} since the lab last changed: capture there while the tests run` };
  const what = s.protocol ? s.protocol.toUpperCase() : "TCP or UDP";
  const packets = capture.packets.filter((p) => (s.protocol ? p.protocol === s.protocol : p.protocol === "tcp" || p.protocol === "udp") && p.l4Checksum);
  if (!packets.length) return { status: "pending", words: `the newest capture on ${id} has no ${what} packet: capture while the tests run` };
  const bad = packets.filter((p) => p.l4Checksum!.verdict === "incorrect" || p.l4Checksum!.verdict === "partial").length;
  const summary = `${bad} of ${packets.length} ${what} packets on ${id} with a bad checksum`;
  return (bad > 0) === (s.checksums === "bad") ? { status: "passed", words: summary } : { status: "failed", words: summary };
}

/** Says how many problems are left, never which: a student finds them. */
function judgeNoFaultLeft(o: Observation): Verdict {
  if (!o.faults.length) return { status: "passed", words: "no fault was planted" };
  if (!o.faults.every((f) => fresh(f.at, o.changedAt))) return { status: "pending", words: "waiting for the lab to be looked at again" };
  const left = o.faults.filter((f) => f.present).length;
  if (left === 0) return { status: "passed", words: "every problem is fixed" };
  return { status: "failed", words: `${left} of ${o.faults.length} problem${o.faults.length > 1 ? "s" : ""} left` };
}

function judge(check: ScenarioCheck, o: Observation): Verdict {
  switch (check.kind) {
    case "cell":
      return judgeCell(check, o);
    case "interface":
      return judgeInterface(check, o);
    case "capture":
      return judgeCapture(check, o);
    case "no-fault-left":
      return judgeNoFaultLeft(o);
  }
}

/** Each check, judged on what was observed: its own pass or fail words when the file gives them, else words made from the observation. */
export function evaluateChecks(scenario: { checks: ScenarioCheck[] }, observed: Observation): CheckResult[] {
  return scenario.checks.map((check) => {
    const verdict = judge(check, observed);
    const own = verdict.status === "passed" ? check.pass : verdict.status === "failed" ? check.fail : undefined;
    return { id: check.id, status: verdict.status, passed: verdict.status === "passed", message: own ?? verdict.words };
  });
}

export interface StepResult {
  id: string;
  /** Every check of the step passed (a step without checks is never done by itself). */
  done: boolean;
  passed: number;
  total: number;
}

export function evaluateSteps(scenario: { steps: ScenarioStep[] }, results: CheckResult[]): StepResult[] {
  const passed = new Set(results.filter((r) => r.passed).map((r) => r.id));
  return scenario.steps.map((step) => {
    const n = step.checks.filter((id) => passed.has(id)).length;
    return { id: step.id, done: step.checks.length > 0 && n === step.checks.length, passed: n, total: step.checks.length };
  });
}
