import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import type { HostFacts } from "../../lib/contracts/host-facts";
import { experimentRequestSchema } from "../../lib/contracts/experiment-inputs";
import { underlaySubnet, VARIANT_COUNT } from "../../lib/contracts/experiment";
import { labSpecSchema } from "../../lib/lab-spec/schema";
import { parseLabYaml } from "../lab/templates";
import { planVariants, runnability, variantSpec } from "./plan-variants";

const seed = parseLabYaml(readFileSync(path.join(import.meta.dirname, "../../labs/seed.yaml"), "utf8"), "seed.yaml");
/** What readHostFacts said on this kind of host: no OVS kernel module, DPDK and Docker up. */
const host: HostFacts = {
  ovsVersion: "3.1.0", dpdkVersion: "DPDK 22.11.1", dpdkInitialized: true, datapathTypes: ["netdev", "system"], interfaceTypes: [],
  dockerVersion: "20.10.24",
  kernelDatapath: { available: false, reason: "the Open vSwitch kernel module is not loaded" },
  userspaceDatapath: { available: true }, dpdk: { available: true }, docker: { available: true },
  bridgeNetfilter: { callIptables: true, forwardPolicy: "DROP" }, pmdMaxSleepUs: 10000, userspaceTso: false,
};

test("the full table is 5 switches x 2 endpoint kinds x offload on/off, in the seed's order", () => {
  const all = planVariants(experimentRequestSchema.parse({}));
  assert.equal(all.length, 20);
  assert.equal(all[16].id, "ovn-geneve/containers/offload-on");
  assert.deepEqual(all.slice(0, 3).map((v) => v.id), ["ovs-dpdk/containers/offload-on", "ovs-dpdk/containers/offload-off", "ovs-dpdk/netns/offload-on"]);
  const only = planVariants(experimentRequestSchema.parse({ only: ["linux-bridge/netns/offload-off"] }));
  assert.deepEqual(only.map((v) => v.id), ["linux-bridge/netns/offload-off"]);
});

test("the kernel datapath is not runnable here, with the host's own reason; the rest are", () => {
  const verdicts = planVariants(experimentRequestSchema.parse({})).map((v) => [v.switch, runnability(v, host)] as const);
  for (const [sw, r] of verdicts) assert.equal(r.runnable, sw !== "ovs-kernel", sw);
  const kernel = verdicts.find(([sw]) => sw === "ovs-kernel")![1];
  assert.equal(kernel.runnable === false && kernel.reason, "OVS kernel datapath is not available: the Open vSwitch kernel module is not loaded");
  const noDocker = runnability({ id: "x", switch: "linux-bridge", endpoints: "containers", offload: true }, { ...host, docker: { available: false, reason: "dockerd does not answer" } });
  assert.deepEqual(noDocker, { runnable: false, reason: "Docker is not available: dockerd does not answer" });
});

test("a variant's spec moves the lab, sets the endpoints' kind and offload, and keeps DPDK only where asked", () => {
  const spec = variantSpec(seed, { id: "v", switch: "ovs-userspace", endpoints: "netns", offload: false }, "xe3", "10.77.35");
  assert.equal(spec.id, "xe3");
  assert.equal(spec.bridge.name, "xe3_br");
  assert.equal(spec.bridge.address, "10.77.35.1/24");
  assert.deepEqual(spec.endpoints.map((e) => [e.name, e.kind, e.attach.via, e.offload.tx]), [
    ["c1", "netns", "veth", false],
    ["c2", "netns", "veth", false],
    ["server", "netns", "veth", false],
  ]);
  const dpdk = variantSpec(seed, { id: "v", switch: "ovs-dpdk", endpoints: "containers", offload: true }, "xe0", "10.77.32");
  assert.deepEqual(dpdk.endpoints.map((e) => [e.kind, e.attach.via === "dpdk" ? e.attach.port : "veth", e.offload.tx]), [
    ["container", "veth", true],
    ["container", "veth", true],
    ["netns", "xe0_dpdk0", false],
  ]);
  assert.equal(variantSpec(seed, { id: "v", switch: "ovs-kernel", endpoints: "containers", offload: true }, "xe1", "10.77.33").bridge.datapath, "system");
});

test("the OVN variant: c1 on host a, c2 and the server on host b, a valid multi-host spec with its underlay derived from its /24", () => {
  const spec = variantSpec(seed, { id: "v", switch: "ovn-geneve", endpoints: "containers", offload: true }, "xe5", "10.77.45");
  assert.deepEqual(labSpecSchema.parse(spec), spec, "the spec is what the schema accepts, unchanged");
  assert.equal(spec.bridge.name, "br_int");
  assert.equal(spec.bridge.address, undefined, "no host endpoint on a multi-host lab");
  assert.deepEqual(spec.hosts, [
    { name: "a", underlay: "10.77.65.1/24", datapath: "netdev" },
    { name: "b", underlay: "10.77.65.2/24", datapath: "netdev" },
  ]);
  assert.deepEqual(spec.endpoints.map((e) => [e.name, e.host, e.kind, e.attach.via, e.address, e.offload.tx]), [
    ["c1", "a", "container", "veth", "10.77.45.8/24", true],
    ["c2", "b", "container", "veth", "10.77.45.7/24", true],
    ["server", "b", "netns", "veth", "10.77.45.10/24", false],
  ]);
  const netns = variantSpec(seed, { id: "v", switch: "ovn-geneve", endpoints: "netns", offload: false }, "xe6", "10.77.46");
  assert.deepEqual(netns.endpoints.map((e) => [e.kind, e.offload.tx]), [["netns", false], ["netns", false], ["netns", false]]);
  const ovn = { id: "v", switch: "ovn-geneve" as const, endpoints: "containers" as const, offload: true };
  assert.deepEqual(runnability(ovn, host), { runnable: true });
  assert.deepEqual(runnability(ovn, { ...host, userspaceDatapath: { available: false, reason: "no netdev" } }), { runnable: false, reason: "OVS userspace datapath is not available: no netdev" });
});

test("underlays are the variant's third octet + the table size, so they never meet a variant subnet of the same run", () => {
  assert.equal(VARIANT_COUNT, 20);
  assert.equal(underlaySubnet("10.99.8"), "10.99.28");
  const variants = Array.from({ length: VARIANT_COUNT }, (_, i) => `10.99.${i}`);
  for (const v of variants) assert.ok(!variants.includes(underlaySubnet(v)), v);
});

test("the first subnet must leave room for the underlays when an OVN variant may run, not otherwise", () => {
  assert.equal(experimentRequestSchema.safeParse({ firstSubnet: "10.77.230" }).success, false, "all switches: 230 + 40 > 256");
  assert.equal(experimentRequestSchema.safeParse({ switches: ["ovs-userspace"], firstSubnet: "10.77.230" }).success, true, "230 + 20 <= 256");
  assert.equal(experimentRequestSchema.safeParse({ only: ["ovn-geneve/containers/offload-on"], firstSubnet: "10.77.230" }).success, false);
  assert.equal(experimentRequestSchema.safeParse({ only: ["ovn-geneve/containers/offload-on"], firstSubnet: "10.77.216" }).success, true);
  assert.equal(experimentRequestSchema.safeParse({ switches: ["ovs-dpdk", "ovs-userspace", "linux-bridge", "ovs-kernel", "ovn-geneve"] }).success, true);
});
