import { test } from "node:test";
import assert from "node:assert/strict";
import { seedTopology } from "@/lib/topology/fixtures/seed-topology";
import { editTargetsOf } from "./edit-targets";

const iface = (id: string) => seedTopology.interfaces.find((i) => i.id === id)!;
const summary = (id: string) => {
  const t = editTargetsOf(seedTopology, iface(id));
  return { endpoint: t.endpoint?.name ?? null, port: t.port?.name ?? null, flows: t.showFlows };
};

test("a container's eth0: its address and firewall, and the bridge port its veth hangs on", () => {
  assert.deepEqual(summary("c1:eth0"), { endpoint: "c1", port: "u1-c1", flows: false });
  assert.deepEqual(summary("server:eth0"), { endpoint: "server", port: "u1_dpdk0", flows: false });
});

test("the host's side: the port itself, the DPDK port of a wire, the bridge's internal port; and the bridge's rules", () => {
  assert.deepEqual(summary("host:u1-c2"), { endpoint: null, port: "u1-c2", flows: true });
  assert.deepEqual(summary("host:u1-server"), { endpoint: null, port: "u1_dpdk0", flows: true });
  assert.deepEqual(summary("host:u1_br"), { endpoint: null, port: "u1_br", flows: true });
});
