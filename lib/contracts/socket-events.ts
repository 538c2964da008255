import type { HostFacts } from "./host-facts";
import type { MatrixRun, MatrixRunSummary, ProbeResult, Protocol } from "./matrix";
import type { OffloadFeature } from "./offload";
import type { NetInterface, Topology } from "./topology";

/** Bumped whenever an event's shape changes; the client refuses a server that differs. */
export const SOCKET_PROTOCOL_VERSION = 2;

export type Ack<T> = (answer: { ok: true; value: T } | { ok: false; error: string }) => void;

export interface ServerToClientEvents {
  hello: (info: { protocolVersion: number; labId: string; readOnly: boolean }) => void;
  topology: (topology: Topology) => void;
  "matrix:started": (run: MatrixRunSummary) => void;
  "matrix:result": (result: ProbeResult) => void;
  "matrix:finished": (run: MatrixRunSummary) => void;
}

export interface ClientToServerEvents {
  /**
   * `latest`: the newest result of every matrix cell, from full runs and pair re-tests alike
   * (`lastRun` only holds the last full run), so a page opened after a re-test shows it.
   */
  "state:get": (ack: Ack<{ topology: Topology; host: HostFacts; lastRun: MatrixRun | null; latest: ProbeResult[] }>) => void;
  "matrix:run": (request: { protocols?: Protocol[]; pairs?: [string, string][] }, ack: Ack<{ runId: string }>) => void;
  "offload:set": (request: { interfaceId: string; changes: Partial<Record<OffloadFeature, boolean>> }, ack: Ack<NetInterface>) => void;
}
