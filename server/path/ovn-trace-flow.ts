import type { Protocol } from "../../lib/contracts/matrix";
import { AGENT_ECHO_PORT } from "../probes/agent-protocol";
import { TRACE_SOURCE_PORT } from "./trace-flow";

const MAC = /^[0-9a-f]{2}(:[0-9a-f]{2}){5}$/;
const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;
const LOGICAL_PORT = /^[a-z][a-z0-9]{0,7}-[a-z][a-z0-9]{0,7}$/;

export interface TraceEnd {
  ipv4: string;
  mac: string;
}

function check(from: TraceEnd, to: TraceEnd): void {
  if (!MAC.test(from.mac) || !MAC.test(to.mac)) throw new Error("no MAC address known for an end of the path");
  if (!IPV4.test(from.ipv4) || !IPV4.test(to.ipv4)) throw new Error("an endpoint's address is not IPv4");
}

/** The probe's first packet as an ovn-trace microflow (OVN's expression language), from checked facts only. */
export function ovnTraceMicroflow(protocol: Protocol, inport: string, from: TraceEnd, to: TraceEnd): string {
  check(from, to);
  if (!LOGICAL_PORT.test(inport)) throw new Error(`not a logical port name: ${inport}`);
  const l4 = protocol === "icmp" ? ["icmp4", "icmp4.type == 8"] : [protocol, `${protocol}.src == ${TRACE_SOURCE_PORT}`, `${protocol}.dst == ${AGENT_ECHO_PORT}`];
  return [`inport == "${inport}"`, `eth.src == ${from.mac}`, `eth.dst == ${to.mac}`, `ip4.src == ${from.ipv4}`, `ip4.dst == ${to.ipv4}`, "ip.ttl == 64", ...l4].join(" && ");
}

/** The same packet in ovs-ofctl flow syntax entering a host's br_int at `inPort` (a port name or tunnel port). */
export function hostTraceFlow(protocol: Protocol, inPort: string, from: TraceEnd, to: TraceEnd, tunnel?: { vni: string; metadata: string; src: string; dst: string }): string {
  check(from, to);
  if (!/^[A-Za-z0-9_.-]{1,15}$/.test(inPort)) throw new Error(`not a port name: ${inPort}`);
  const tun = tunnel ? [`tun_id=${tunnel.vni}`, `tun_src=${tunnel.src}`, `tun_dst=${tunnel.dst}`, `tun_metadata0=${tunnel.metadata}`] : [];
  if (tun.some((t) => !/^[a-z_0-9]+=(0x[0-9a-f]+|[\d.]+)$/.test(t))) throw new Error("a tunnel field is not a number or address");
  const l4 =
    protocol === "icmp" ? ["icmp", "icmp_type=8", "icmp_code=0"] : protocol === "tcp" ? ["tcp", `tp_src=${TRACE_SOURCE_PORT}`, `tp_dst=${AGENT_ECHO_PORT}`, "tcp_flags=syn"] : ["udp", `tp_src=${TRACE_SOURCE_PORT}`, `tp_dst=${AGENT_ECHO_PORT}`];
  return [`in_port=${inPort}`, ...tun, l4[0], `dl_src=${from.mac}`, `dl_dst=${to.mac}`, `nw_src=${from.ipv4}`, `nw_dst=${to.ipv4}`, "nw_ttl=64", ...l4.slice(1)].join(",");
}
