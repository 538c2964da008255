import type { Topology } from "../../lib/contracts/topology";
import { CaptureStream } from "../capture/capture-stream";
import { underlayInterfaceId, underlayTarget } from "../capture/host-capture-target";
import type { UnderlayObservation } from "./check-underlay";

/** The capture on the sender's host's underlay while the probe runs: only when the two ends are on different hosts. */
export interface UnderlayWatch {
  stream: CaptureStream;
  label: string;
  finish: () => Promise<UnderlayObservation>;
}

/** Started and listening, or null (one host, same host, or tcpdump would not start: then `problem` says why). */
export async function watchUnderlay(topology: Topology, from: string, to: string, innerFilter: string[], timeoutMs: number, reserve: () => void): Promise<{ watch: UnderlayWatch | null; problem?: string }> {
  const hosts = topology.hosts ?? [];
  const hostOf = (name: string) => hosts.find((h) => h.endpoints.includes(name));
  const sender = hostOf(from);
  if (!sender || sender === hostOf(to)) return { watch: null };
  const target = underlayTarget(topology.labId, hosts, underlayInterfaceId(sender.name));
  if (!target) return { watch: null };
  reserve();
  const label = `host ${sender.name}'s underlay (${target.interfaceId})`;
  const stream = new CaptureStream(target, ["geneve", ...(innerFilter.length ? ["and", ...innerFilter] : [])], { durationMs: timeoutMs + 5000, maxPackets: 500 });
  const started = await stream.ready.then(() => null, (err: Error) => `no capture on ${label}: ${err.message}`);
  if (started) return { watch: null, problem: started };
  const finish = async () => {
    stream.stop();
    const result = await stream.done;
    return { captureId: result.id, interfaceId: target.interfaceId, label, packets: result.packets };
  };
  return { watch: { stream, label, finish } };
}
