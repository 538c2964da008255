import { test } from "node:test";
import assert from "node:assert/strict";
import type Docker from "dockerode";
import { containerSysctls, ensureRunningContainer, labContainerStates } from "./containers";

/** A Docker API that records its calls: containers by name with their running state and PID. */
function fakeDocker(existing: Record<string, { running: boolean }>) {
  const calls: string[] = [];
  const state = new Map(Object.entries(existing).map(([n, s]) => [n, { ...s, pid: s.running ? 100 : 0 }]));
  const docker = {
    listContainers: async () => {
      calls.push("list");
      return [...state].map(([n, s]) => ({ Names: [`/${n}`], State: s.running ? "running" : "exited" }));
    },
    createContainer: async (o: { name: string }) => {
      calls.push(`create ${o.name}`);
      if (state.has(o.name)) throw Object.assign(new Error("conflict"), { statusCode: 409 });
      state.set(o.name, { running: false, pid: 0 });
    },
    getContainer: (name: string) => ({
      inspect: async () => {
        calls.push(`inspect ${name}`);
        const s = state.get(name);
        if (!s) throw Object.assign(new Error("no such container"), { statusCode: 404 });
        return { State: { Running: s.running, Pid: s.pid } };
      },
      start: async () => {
        calls.push(`start ${name}`);
        state.set(name, { running: true, pid: 200 });
      },
    }),
  } as unknown as Docker;
  return { docker, calls };
}

test("a new container costs create, start and one inspect; a running one an inspect; a stopped one start and inspect", async () => {
  const { docker, calls } = fakeDocker({ "l-c2": { running: true }, "l-c3": { running: false } });
  const states = await labContainerStates(docker, "l");
  assert.deepEqual([...states], [["l-c2", true], ["l-c3", false]]);
  assert.deepEqual(await ensureRunningContainer(docker, "l", "c1", "l-c1", states.get("l-c1")), { pid: 200, started: true });
  assert.deepEqual(await ensureRunningContainer(docker, "l", "c2", "l-c2", states.get("l-c2")), { pid: 100, started: false });
  assert.deepEqual(await ensureRunningContainer(docker, "l", "c3", "l-c3", states.get("l-c3")), { pid: 200, started: true });
  assert.deepEqual(calls, ["list", "create l-c1", "start l-c1", "inspect l-c1", "inspect l-c2", "start l-c3", "inspect l-c3"]);
});

test("a container made meanwhile (create says 409) is inspected and used", async () => {
  const { docker, calls } = fakeDocker({ "l-c1": { running: true } });
  assert.deepEqual(await ensureRunningContainer(docker, "l", "c1", "l-c1", undefined), { pid: 100, started: false });
  assert.deepEqual(calls, ["create l-c1", "inspect l-c1", "inspect l-c1"]);
});

test("IPv6 is turned off inside a container only where the kernel has IPv6 (no sysctl to set otherwise)", () => {
  assert.deepEqual(containerSysctls(true), { "net.ipv6.conf.all.disable_ipv6": "1", "net.ipv6.conf.default.disable_ipv6": "1" });
  assert.deepEqual(containerSysctls(false), {});
});
