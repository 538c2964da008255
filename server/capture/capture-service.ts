import type { CaptureRequestInput } from "../../lib/contracts/capture-inputs";
import type { LabService } from "../lab/lab-service";
import { LabError } from "../lab/lab-errors";
import { buildBpfFilter } from "./bpf-filter";
import { CaptureStream, type CaptureTarget } from "./capture-stream";
import { hostNamespaceTarget, underlayTarget } from "./host-capture-target";

const KEEP_FINISHED = 16;
const MAX_LIVE = 8;

/** Where an interface id lives: its name and namespace, both from discovery, never from the request. */
export async function captureTarget(lab: LabService, interfaceId: string): Promise<CaptureTarget> {
  const hosts = async () => (await lab.refresh()).topology.hosts ?? [];
  const iface = await lab.interfaceById(interfaceId).catch(async (err: unknown) => {
    // A host's underlay is not an interface of discovery's list: it is checked against the hosts discovery found.
    const underlay = underlayTarget(lab.labId, await hosts(), interfaceId);
    if (underlay) return underlay;
    throw err;
  });
  if ("netns" in iface) return iface;
  if (iface.role === "dpdk-wire")
    return {
      interfaceId,
      ifname: iface.ifname,
      netns: null,
      caveat: `the DPDK poll-mode driver sends with qdisc bypass, so what OVS sends out of the DPDK port is not seen on ${interfaceId}; capture on ${iface.peerId ?? "the far end"} for that direction`,
    };
  if (iface.owner === "host") return { interfaceId, ifname: iface.ifname, netns: null };
  const inHost = hostNamespaceTarget(lab.labId, await hosts(), iface);
  if (inHost) return inHost;
  const { runtimes } = await lab.refresh();
  const runtime = runtimes.find((r) => r.name === iface.owner);
  if (!runtime?.netns) throw new LabError("conflict", `${iface.owner} is not running; start it before capturing on ${interfaceId}`);
  return { interfaceId, ifname: iface.ifname, netns: runtime.netns };
}

/** Endpoint names to the addresses discovery found for them. */
export async function endpointAddresses(lab: LabService, names: string[]): Promise<string[]> {
  const { runtimes } = await lab.refresh();
  return names.map((name) => {
    const ipv4 = runtimes.find((r) => r.name === name)?.ipv4;
    if (!ipv4) throw new LabError("notFound", `no running endpoint "${name}" with an address in lab ${lab.labId}; known: ${runtimes.map((r) => r.name).join(", ")}`);
    return ipv4;
  });
}

/** Live and recent captures, by id, so a finished one can still be downloaded. */
export class CaptureRegistry {
  private readonly streams = new Map<string, CaptureStream>();
  private readonly listeners: ((stream: CaptureStream) => void)[] = [];
  private starting = 0;

  constructor(private readonly lab: LabService) {}

  /** Counted before any await, so a burst of requests cannot pass the limit together. */
  async start(request: CaptureRequestInput): Promise<CaptureStream> {
    const live = this.liveCount() + this.starting;
    if (live >= MAX_LIVE) throw new LabError("conflict", `${live} captures are running; stop one first (at most ${MAX_LIVE} at once)`);
    this.starting++;
    let stream: CaptureStream;
    try {
      const target = await captureTarget(this.lab, request.interfaceId);
      const hosts = await endpointAddresses(this.lab, request.hosts ?? []);
      const filter = buildBpfFilter({ protocols: request.protocol ? [request.protocol] : [], hosts, ports: request.ports, insideGeneve: target.encapsulation === "geneve" });
      stream = new CaptureStream(target, filter, { durationMs: request.durationMs, maxPackets: request.maxPackets });
      this.add(stream);
    } finally {
      this.starting--;
    }
    await stream.ready.catch((err: Error) => {
      throw new LabError("unavailable", err.message);
    });
    return stream;
  }

  /** Diagnosis captures come through here too, so they count against the same limit. */
  reserve(count: number): void {
    const live = this.liveCount() + this.starting;
    if (live + count > MAX_LIVE) throw new LabError("conflict", `${live} captures are running; wait for one to end (at most ${MAX_LIVE} at once)`);
  }

  private liveCount(): number {
    return [...this.streams.values()].filter((s) => s.summary().finishedAt === null).length;
  }

  /** Called with every capture as it starts, diagnosis captures included (the socket forwards their packets). */
  onStart(listener: (stream: CaptureStream) => void): void {
    this.listeners.push(listener);
  }

  add(stream: CaptureStream): void {
    this.streams.set(stream.id, stream);
    this.listeners.forEach((l) => l(stream));
    const finished = [...this.streams.values()].filter((s) => s.summary().finishedAt !== null);
    for (const old of finished.slice(0, Math.max(0, finished.length - KEEP_FINISHED))) this.streams.delete(old.id);
  }

  get(id: string): CaptureStream {
    const stream = this.streams.get(id);
    if (!stream) throw new LabError("notFound", `no capture "${id}"; captures are kept until ${KEEP_FINISHED} newer ones finish`);
    return stream;
  }

  stopAll(): void {
    for (const s of this.streams.values()) s.stop();
  }
}
