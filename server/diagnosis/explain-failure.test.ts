import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import type { NetInterface } from "../../lib/contracts/topology";
import type { ProbeResult } from "../../lib/contracts/matrix";
import { readPcap } from "../capture/pcap-reader";
import { describePacket } from "../capture/describe-packet";
import { explainFailure } from "./explain-failure";
import type { Observation, PathEnd, PathFacts } from "./path-facts";

/** The lab the fixtures were captured on: xf, c1 10.77.30.8, c2 10.77.30.7, host 10.77.30.1, OVS 3.1 netdev. */
const iface = (id: string, role: NetInterface["role"], extra: Partial<NetInterface> = {}): NetInterface => ({
  id, owner: id.split(":")[0], ifname: id.split(":")[1], role, kind: "veth", mac: null, mtu: 1500, up: true,
  addresses: [], peerId: null, offload: { tx: { on: true, fixed: false } }, counters: null, ...extra,
});
const end = (name: string, ipv4: string, inner: NetInterface, port: NetInterface): PathEnd => ({ name, ipv4, inner, port, portLabel: `${name}'s bridge port (${port.id})` });
const lab = (opts: { c1Tx?: boolean; c2Tx?: boolean; bridge?: PathFacts["bridge"]; c2PortMtu?: number; c2Up?: boolean } = {}): PathFacts => ({
  from: end("c1", "10.77.30.8", iface("c1:eth0", "container-end", { offload: { tx: { on: opts.c1Tx ?? true, fixed: false } } }), iface("host:xf-c1", "bridge-port")),
  to: end("c2", "10.77.30.7", iface("c2:eth0", "container-end", { up: opts.c2Up ?? true, offload: { tx: { on: opts.c2Tx ?? true, fixed: false } } }), iface("host:xf-c2", "bridge-port", { mtu: opts.c2PortMtu ?? 1500 })),
  bridge: opts.bridge === undefined ? { kind: "ovs", name: "xf_br", datapathType: "netdev" } : opts.bridge,
  host: { ovsVersion: "3.1.0", userspaceTso: false, bridgeNetfilter: { callIptables: true, forwardPolicy: "DROP" } },
});
const observe = (file: string, side: "from" | "to", label: string, interfaceId: string): Observation => ({
  captureId: file, interfaceId, label, side,
  packets: readPcap(readFileSync(path.join(import.meta.dirname, "../capture/fixtures", file))).records.map((r, i) => describePacket(r, file, i)),
});
const probe = (protocol: ProbeResult["protocol"], ok = false, error: ProbeResult["error"] = "timeout"): ProbeResult => ({ runId: "r", from: "c1", to: "c2", protocol, ok, rttMs: ok ? 1 : null, error: ok ? null : error, at: "" });

test("the seed's failure: c2's SYN/ACK reached c1's port with only the pseudo-header sum; c2/eth0 TX offload is named and the fix is one click", () => {
  const obs = [observe("synack-partial.pcap", "from", "c1's bridge port (host:xf-c1)", "host:xf-c1")];
  const d = explainFailure(probe("tcp"), lab({ c1Tx: false }), obs);
  assert.equal(d.cause, "checksum-offload");
  assert.match(d.headline, /^SYN\/ACK from c2 reached c1's bridge port \(host:xf-c1\) with checksum 0x50d7; the correct value is 0x8572\. c2:eth0 has TX checksum offload on and the userspace datapath \(OVS 3\.1\.0, datapath_type=netdev\) does not complete checksums\.$/);
  assert.deepEqual(d.fixes, [{ kind: "offload", interfaceId: "c2:eth0", changes: { tx: false }, label: "Turn TX checksum offload off on c2:eth0" }]);
  assert.ok(d.evidence.some((e) => e.includes("partial: offload pending; should be 0x8572")));
});

test("both ends offloading: the partial SYN and UDP from c1 carry the same sum, c1's offload is named", () => {
  const obs = [observe("offload-on-tcp-udp.pcap", "from", "c1's bridge port (host:xf-c1)", "host:xf-c1")];
  const d = explainFailure(probe("udp"), lab(), obs);
  assert.equal(d.cause, "checksum-offload");
  assert.match(d.headline, /^SYN from c1 left through c1's bridge port \(host:xf-c1\) with checksum 0x50d7/);
  assert.deepEqual(d.fixes.map((f) => f.kind === "offload" && f.interfaceId), ["c1:eth0"]);
});

test("a probe that works is reported as working, with checksum findings only as notes", () => {
  const d = explainFailure(probe("tcp", true), lab({ c1Tx: false, c2Tx: false }), [observe("offload-off-all.pcap", "from", "c1's port", "host:xf-c1")]);
  assert.equal(d.cause, "works");
  assert.equal(d.findings.length, 0);
});

test("RST and ICMP port unreachable from the far end: no listener", () => {
  const hostToC2 = lab({ c2Tx: false });
  hostToC2.from = { ...hostToC2.from, name: "host", ipv4: "10.77.30.1" };
  const obs = [observe("refused.pcap", "to", "c2's bridge port (host:xf-c2)", "host:xf-c2")];
  const tcp = explainFailure({ ...probe("tcp", false, "refused"), from: "host" }, hostToC2, obs);
  assert.equal(tcp.cause, "no-listener");
  assert.match(tcp.headline, /^c2 answered with TCP RST: nothing listens on 10\.77\.30\.7:1234/);
  const udpOnly = { ...obs[0], packets: obs[0].packets.filter((p) => p.protocol !== "tcp") };
  const udp = explainFailure({ ...probe("udp", false, "refused"), from: "host" }, hostToC2, [udpOnly]);
  assert.match(udp.headline, /ICMP port unreachable: nothing listens on 10\.77\.30\.7:1235/);
});

test("ARP requests without a reply", () => {
  const ghost = lab();
  ghost.from = { ...ghost.from, name: "host", ipv4: "10.77.30.1" };
  ghost.to = { ...ghost.to, name: "ghost", ipv4: "10.77.30.99" };
  const d = explainFailure(probe("tcp"), ghost, [observe("no-arp-reply.pcap", "to", "c2's bridge port", "host:xf-c2")]);
  assert.equal(d.cause, "no-arp-reply");
  assert.match(d.headline, /host asked who has 10\.77\.30\.99 2 time\(s\) and got no ARP reply/);
});

test("state-only causes: a link down, a Linux bridge behind iptables DROP, an MTU mismatch", () => {
  assert.equal(explainFailure(probe("tcp"), lab({ c2Up: false }), []).cause, "interface-down");
  const linux = explainFailure(probe("tcp"), lab({ bridge: { kind: "linux", name: "xb_br", datapathType: null } }), [
    { captureId: "a", interfaceId: "host:xf-c1", label: "c1's port", side: "from", packets: observe("offload-off-all.pcap", "from", "", "").packets.slice(0, 1) },
    { captureId: "b", interfaceId: "host:xf-c2", label: "c2's port", side: "to", packets: [] },
  ]);
  assert.equal(linux.cause, "bridge-netfilter");
  assert.ok(linux.evidence.includes("iptables -P FORWARD DROP"));
  const mtu = explainFailure(probe("tcp"), lab({ c2PortMtu: 1400 }), []);
  assert.equal(mtu.cause, "unknown");
  assert.equal(mtu.findings[0].cause, "mtu-mismatch");
  assert.equal(mtu.findings[0].strength, "note");
});

test("OVS 3.1 with userspace-tso-enable: drops counted by netdev_send_prepare_drops are named, with the switch", () => {
  const tso = lab({ c1Tx: false, c2Tx: false });
  tso.host = { ...tso.host, userspaceTso: true };
  const d = explainFailure(probe("tcp"), tso, [], { netdev_send_prepare_drops: 3, drop_action_of_pipeline: 1 });
  assert.equal(d.cause, "dropped-in-switch");
  assert.match(d.headline, /^OVS dropped 3 packet\(s\) .*userspace-tso-enable=true/);
  assert.ok(d.evidence.includes("ovs-appctl coverage/show: netdev_send_prepare_drops +3 during the probe (switch-wide)"));
});

test("the matrix's counter verdict: first in the evidence beside the captures, and the cause on its own when nothing was captured", () => {
  const counted: ProbeResult = {
    ...probe("tcp", false, "bad-checksum"),
    droppedBy: "c1",
    evidence: { counter: "Tcp InCsumErrors", endpoint: "c1", delta: 1 },
  };
  const obs = [observe("synack-partial.pcap", "from", "c1's bridge port (host:xf-c1)", "host:xf-c1")];
  const withCaptures = explainFailure(counted, lab({ c1Tx: false }), obs);
  assert.match(withCaptures.headline, /^SYN\/ACK from c2 reached/);
  assert.equal(withCaptures.evidence[0], "Tcp InCsumErrors +1 in c1's namespace while the probe ran: its kernel dropped the packet for a bad checksum");
  const alone = explainFailure(counted, lab({ c1Tx: false }), []);
  assert.equal(alone.cause, "checksum-offload");
  assert.equal(alone.headline, "c1's kernel dropped the SYN/ACK from c2 for a bad checksum (Tcp InCsumErrors +1). c2:eth0 has TX checksum offload on, and nothing on the path finished the sum.");
  assert.deepEqual(alone.fixes, [{ kind: "offload", interfaceId: "c2:eth0", changes: { tx: false }, label: "Turn TX checksum offload off on c2:eth0" }]);
});
