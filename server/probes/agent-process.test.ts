import { test } from "node:test";
import assert from "node:assert/strict";
import { EventEmitter } from "node:events";
import { PassThrough, Writable } from "node:stream";
import type { ChildProcess } from "node:child_process";
import { AgentProcess } from "./agent-process";

/** Just enough of a child process: stdout the test writes to, stdin that records (or fails), kill that exits. */
class FakeChild extends EventEmitter {
  readonly stdout = new PassThrough();
  readonly written: string[] = [];
  readonly killed: string[] = [];
  stdin: Writable;
  constructor(stdinError?: NodeJS.ErrnoException) {
    super();
    this.stdin = new Writable({
      write: (chunk: Buffer, _enc, cb) => {
        if (stdinError) return cb(stdinError);
        this.written.push(chunk.toString());
        cb();
      },
    });
  }
  kill(signal = "SIGTERM"): boolean {
    this.killed.push(signal);
    setImmediate(() => this.emit("exit", null, signal));
    return true;
  }
  say(line: string): void {
    this.stdout.write(line + "\n");
  }
}

function agentOn(child: FakeChild) {
  const failures: string[] = [];
  const agent = AgentProcess.attach("c1", "k", child as unknown as ChildProcess, { onLinksChanged: () => undefined, onFailed: (w) => failures.push(w) });
  return { agent, failures };
}
const tcp = { kind: "tcp" as const, target: "10.0.0.2", port: 47007, timeoutMs: 200 };
const icmp = { kind: "icmp" as const, targets: ["10.0.0.2", "10.0.0.3"], timeoutMs: 200 };
const tick = () => new Promise((r) => setImmediate(r));

test("a reply resolves its probe", async () => {
  const child = new FakeChild();
  const { agent } = agentOn(child);
  const result = agent.probe(tcp);
  await tick();
  const { id } = JSON.parse(child.written[0]) as { id: number };
  child.say(JSON.stringify({ kind: "result", id, outcomes: [{ target: "10.0.0.2", ok: true, rttMs: 0.2, error: null }] }));
  assert.equal((await result)[0].ok, true);
});

test("a line outside the protocol is logged, the agent is killed and its pending probes fail with the cause", async (t) => {
  const warn = t.mock.method(console, "warn", () => undefined);
  const child = new FakeChild();
  const { agent, failures } = agentOn(child);
  const pending = agent.probe(icmp);
  child.say("Segmentation fault " + "x".repeat(500));
  const outcomes = await pending;
  assert.deepEqual(outcomes.map((o) => [o.target, o.ok, o.error]), [["10.0.0.2", false, "no-agent"], ["10.0.0.3", false, "no-agent"]]);
  assert.match(outcomes[0].detail!, /probe agent for c1 sent a line that is not the protocol/);
  assert.deepEqual(child.killed, ["SIGKILL"]);
  assert.deepEqual(failures, ["sent a line that is not the protocol"]);
  const logged = String(warn.mock.calls[0].arguments[0]);
  assert.match(logged, /c1.*Segmentation fault/);
  assert.ok(logged.length < 400, "the line is truncated in the log");
  assert.equal(agent.alive, false);
});

test("EPIPE on write answers the probe as failed, never throws", async () => {
  const child = new FakeChild(Object.assign(new Error("write EPIPE"), { code: "EPIPE" }));
  const { agent, failures } = agentOn(child);
  const outcomes = await agent.probe(tcp);
  assert.equal(outcomes[0].ok, false);
  assert.match(outcomes[0].detail!, /EPIPE/);
  assert.equal(failures.length, 1);
  assert.equal((await agent.probe(tcp))[0].error, "no-agent", "later probes fail at once");
});

test("probes pending when the agent dies resolve as failed; a destroyed stdin fails at once", async () => {
  const child = new FakeChild();
  const { agent } = agentOn(child);
  const pending = agent.probe(tcp);
  child.emit("exit", null, "SIGKILL");
  assert.match((await pending)[0].detail!, /exited \(SIGKILL\)/);

  const other = new FakeChild();
  const second = agentOn(other);
  other.stdin.destroy();
  assert.equal((await second.agent.probe(tcp))[0].ok, false);
});

test("stop() is not a failure", async () => {
  const child = new FakeChild();
  const { agent, failures } = agentOn(child);
  agent.stop();
  await tick();
  assert.deepEqual(failures, []);
  assert.match((await agent.probe(tcp))[0].detail!, /was stopped/);
});
