"use client";
import { useCallback, useEffect, useMemo, useReducer, useRef } from "react";
import type { DaemonName } from "@/lib/contracts/daemon-health";
import { openLabSocket, type LabSocket } from "./lab-socket";
import { SOCKET_PROTOCOL_VERSION, type AckAnswer } from "@/lib/contracts/socket-events";
import { PROTOCOLS, type ProbeResult } from "@/lib/contracts/matrix";
import { unpackResults, unpackRun } from "@/lib/contracts/packed-results";
import type { LabStateAnswer } from "@/lib/contracts/lab-state";
import { takePrefetchedState } from "@/lib/dashboard/state-prefetch";
import type { OffloadFeature } from "@/lib/contracts/offload";
import { CONNECTION, dashboardReducer, initialDashboardState, type DashboardState } from "@/lib/dashboard/dashboard-state";
import { RunQueue, type Pair } from "@/lib/dashboard/run-queue";
import type { Topology } from "@/lib/contracts/topology";
import { affectedPairs } from "@/lib/topology/affected-pairs";

export type { LabSocket };

export interface LabActions {
  runAll: () => void;
  /** Tests these ordered pairs again (e.g. what an edit of the lab changed). */
  runPairs: (pairs: Pair[]) => void;
  setOffload: (interfaceId: string, changes: Partial<Record<OffloadFeature, boolean>>) => void;
  /** Starts a daemon again; resolves with the server's refusal or failure, or null when it answers. */
  startDaemon: (daemon: DaemonName) => Promise<string | null>;
}

/**
 * The page's one connection: typed events in, requests out, resynchronised after every reconnect.
 * With `labId` it is about that lab (`/labs/<id>`): its events only, its requests act on it; without, the default lab.
 */
export function useLabSocket(options: { rerunOnChange: boolean; labId?: string }): { state: DashboardState; actions: LabActions; getSocket: () => LabSocket | null } {
  const [state, dispatch] = useReducer(dashboardReducer, initialDashboardState);
  const socketRef = useRef<LabSocket | null>(null);
  // Socket handlers read the newest state and option through refs, updated after each render.
  const stateRef = useRef(state);
  const rerunRef = useRef(options.rerunOnChange);
  useEffect(() => {
    stateRef.current = state;
    rerunRef.current = options.rerunOnChange;
  });

  // Made with the socket: runs requested before it exists are dropped, as a disconnected socket's are.
  const queueRef = useRef<RunQueue | null>(null);

  const { labId } = options;
  useEffect(() => {
    // `/?view=viewer` is the classroom link: the server then refuses every change from this page.
    const viewer = new URLSearchParams(window.location.search).get("view") === "viewer";
    const socket = openLabSocket(labId, viewer);
    socketRef.current = socket;
    const queue = new RunQueue((pairs) => startRun(socket, pairs, dispatch));
    queueRef.current = queue;
    /** The revision of the state shown (lab-state.ts): a hello that says the same needs no new read. */
    let shownRevision: string | null = null;
    const showState = ({ lastRun, latest, revision, ...rest }: LabStateAnswer) => {
      shownRevision = revision;
      dispatch({ kind: "state", ...rest, lastRun: lastRun && unpackRun(lastRun), latest: unpackResults(latest) });
    };
    const applyState = (answer: AckAnswer<LabStateAnswer>) => {
      if (answer.ok) showState(answer.value);
      else dispatch({ kind: "error", message: answer.error });
    };
    const resync = () => socket.emit("state:get", applyState);
    // The state the page's HTML asked for as it loaded (state-prefetch.ts), shown as soon as it comes, unless the
    // socket said hello first: events may have followed that hello, and an older state would hide them.
    let helloSeen = false;
    void takePrefetchedState(labId)?.then((value) => value && !helloSeen && showState(value));
    const onConnect = () => dispatch({ kind: "connection", state: CONNECTION.online });
    const onConnectError = (err: Error) => {
      dispatch({ kind: "connection", state: CONNECTION.reconnecting });
      // The server refused the lab itself (closed, or never there): say which, instead of only "reconnecting".
      if (labId && err.message.startsWith("no lab")) dispatch({ kind: "error", message: err.message });
    };
    socket.on("connect", onConnect);
    socket.on("disconnect", () => dispatch({ kind: "connection", state: CONNECTION.reconnecting }));
    socket.on("connect_error", onConnectError);
    socket.on("hello", (info) => {
      if (info.protocolVersion !== SOCKET_PROTOCOL_VERSION) {
        dispatch({ kind: "connection", state: CONNECTION.incompatible });
        socket.disconnect();
      } else {
        dispatch({ kind: "hello", labId: info.labId, role: info.role });
        // On every (re)connection and change of default lab: read the state unless the one shown is that revision.
        helloSeen = true;
        if (info.revision !== shownRevision) resync();
      }
    });
    socket.on("topology", (topology) => {
      const before = stateRef.current.topology;
      dispatch({ kind: "topology", topology });
      if (rerunRef.current && before && labShape(before) !== labShape(topology)) queue.request();
    });
    socket.on("daemons", (daemons) => {
      const wasDown = stateRef.current.daemons?.down.length ?? 0;
      dispatch({ kind: "daemons", daemons });
      // Back from an outage: the lab was repaired under the page; read it again.
      if (wasDown > 0 && daemons.down.length === 0) resync();
    });
    socket.on("matrix:started", (run) => dispatch({ kind: "run-started", run }));
    const results = resultBatcher((batch) => dispatch({ kind: "results", results: batch }));
    socket.on("matrix:results", (batch) => batch.forEach(results.add));
    socket.on("matrix:finished", (run) => {
      results.flush();
      dispatch({ kind: "run-finished", run });
      queue.finished(run.runId);
    });
    return () => {
      results.cancel();
      socket.removeAllListeners();
      socket.disconnect();
      socketRef.current = null;
      queueRef.current = null;
    };
  }, [labId]);

  const runAll = useCallback(() => {
    const topology = stateRef.current.topology;
    if (topology) dispatch({ kind: "pending", pairs: allPairs(topology.endpoints.filter(isProbeable).map((e) => e.name)), protocols: PROTOCOLS });
    queueRef.current?.request();
  }, []);

  const runPairs = useCallback((pairs: Pair[]) => {
    if (!pairs.length) return;
    dispatch({ kind: "pending", pairs, protocols: PROTOCOLS });
    queueRef.current?.request(pairs);
  }, []);

  const setOffload = useCallback(
    (interfaceId: string, changes: Partial<Record<OffloadFeature, boolean>>) => {
      const socket = socketRef.current;
      const topology = stateRef.current.topology;
      if (!socket || !topology) return;
      const pairs = affectedPairs(topology, interfaceId);
      if (pairs.length) dispatch({ kind: "pending", pairs, protocols: PROTOCOLS });
      // The server starts the re-test itself the moment the kernel has the change: no round trip first.
      socket.emit("offload:set", { interfaceId, changes, retest: pairs.length > 0 }, (answer) => {
        if (!answer.ok) {
          dispatch({ kind: "error", message: `${interfaceId}: ${answer.error}` });
          // Nothing changed, and nothing was re-tested: the cells marked pending are tested for what they are.
          if (pairs.length) queueRef.current?.request(pairs);
          return;
        }
        dispatch({ kind: "interface", iface: answer.value });
      });
    },
    [],
  );

  const startDaemon = useCallback(
    (daemon: DaemonName) =>
      new Promise<string | null>((resolve) => {
        const socket = socketRef.current;
        if (!socket?.connected) return resolve("not connected to the server");
        socket.emit("daemon:start", { daemon }, (answer) => {
          if (answer.ok) dispatch({ kind: "daemons", daemons: answer.value });
          resolve(answer.ok ? null : answer.error);
        });
      }),
    [],
  );

  /** For features with their own streams on this connection (captures, diagnosis). */
  const getSocket = useCallback(() => socketRef.current, []);
  const actions = useMemo(() => ({ runAll, runPairs, setOffload, startDaemon }), [runAll, runPairs, setOffload, startDaemon]);
  return { state, actions, getSocket };
}

/** At most this often while results pour in: each apply renders the page (the matrix, its summary, the canvases). */
const RESULTS_EVERY_MS = 100;

/**
 * Results are applied in batches, not one by one: a 100-endpoint run streams 30,300 of them, and a render
 * per result would leave no time to answer a click. A lone result goes out at the next frame; while they
 * pour in, a batch goes out every RESULTS_EVERY_MS. A timer stands in where frames stop (a hidden tab).
 */
function resultBatcher(apply: (batch: ProbeResult[]) => void): { add: (r: ProbeResult) => void; flush: () => void; cancel: () => void } {
  let batch: ProbeResult[] = [];
  let frame = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let lastAt = -Infinity;
  const cancel = () => {
    cancelAnimationFrame(frame);
    clearTimeout(timer);
    frame = 0;
    timer = undefined;
  };
  const flush = () => {
    cancel();
    if (!batch.length) return;
    const ready = batch;
    batch = [];
    lastAt = performance.now();
    apply(ready);
  };
  const soon = () => {
    frame = requestAnimationFrame(flush);
    timer = setTimeout(flush, 250);
  };
  const add = (r: ProbeResult) => {
    batch.push(r);
    if (frame || timer) return;
    const wait = lastAt + RESULTS_EVERY_MS - performance.now();
    if (wait <= 0) soon();
    else timer = setTimeout(soon, wait);
  };
  return { add, flush, cancel };
}

/** Asks the server for a run; resolves with its id once it started. */
function startRun(socket: LabSocket, pairs: Pair[] | undefined, dispatch: (a: { kind: "error"; message: string }) => void): Promise<string> {
  return new Promise<string>((resolve, reject) => {
    if (!socket.connected) return reject(new Error("not connected"));
    socket.emit("matrix:run", pairs ? { pairs } : {}, (answer) => {
      if (answer.ok) resolve(answer.value.runId);
      else {
        dispatch({ kind: "error", message: `tests did not start: ${answer.error}` });
        reject(new Error(answer.error));
      }
    });
  });
}

const isProbeable = (e: { state: string; ipv4: string | null }) => e.state === "running" && e.ipv4 !== null;

function allPairs(names: string[]): Pair[] {
  return names.flatMap((a) => names.filter((b) => b !== a).map((b): Pair => [a, b]));
}

/** What a re-run on change reacts to: endpoints starting or stopping, links going up or down, TX offload flipping. */
function labShape(topology: Topology): string {
  const running = topology.endpoints.filter((e) => e.state === "running").map((e) => e.name);
  const links = topology.interfaces.map((i) => `${i.id}:${i.up ? "up" : "down"}:${i.offload.tx?.on ? "tx" : "-"}`);
  return [...running, ...links].sort().join(",");
}
