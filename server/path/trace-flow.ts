import type { Protocol } from "../../lib/contracts/matrix";
import { AGENT_ECHO_PORT } from "../probes/agent-protocol";
import type { PathSide } from "./path-sides";

/** The source port the trace gives a TCP/UDP probe (the real one is ephemeral; no rule of a lab keys on it). */
export const TRACE_SOURCE_PORT = 40_000;

const MAC = /^[0-9a-f]{2}(:[0-9a-f]{2}){5}$/;
const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;
const PORT_NAME = /^[A-Za-z0-9_.-]{1,15}$/;

/**
 * The probe's first packet in ovs-ofctl flow syntax, from discovered facts only: the sender's bridge
 * port as in_port, both MACs, both addresses, and the protocol's ports as the probe uses them.
 * Every value is checked against its shape, so nothing but a flow reaches the switch.
 */
export function probeTraceFlow(protocol: Protocol, from: PathSide, to: PathSide): string {
  const inPort = from.port?.name ?? "";
  const src = from.inner?.mac ?? "";
  const dst = to.inner?.mac ?? "";
  if (!PORT_NAME.test(inPort)) throw new Error(`${from.name} has no bridge port to trace from`);
  if (!MAC.test(src) || !MAC.test(dst)) throw new Error(`no MAC address known for ${MAC.test(src) ? to.name : from.name}`);
  if (!IPV4.test(from.ipv4) || !IPV4.test(to.ipv4)) throw new Error("an endpoint's address is not IPv4");
  const l4 =
    protocol === "icmp"
      ? ["icmp", "icmp_type=8", "icmp_code=0"]
      : protocol === "tcp"
        ? ["tcp", `tp_src=${TRACE_SOURCE_PORT}`, `tp_dst=${AGENT_ECHO_PORT}`, "tcp_flags=syn"]
        : ["udp", `tp_src=${TRACE_SOURCE_PORT}`, `tp_dst=${AGENT_ECHO_PORT}`];
  return [`in_port=${inPort}`, l4[0], `dl_src=${src}`, `dl_dst=${dst}`, `nw_src=${from.ipv4}`, `nw_dst=${to.ipv4}`, "nw_ttl=64", ...l4.slice(1)].join(",");
}
