"use client";
import { io, type Socket } from "socket.io-client";
import type { ClientToServerEvents, ServerToClientEvents } from "@/lib/contracts/socket-events";

export type LabSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

type StateAck = Parameters<ClientToServerEvents["state:get"]>[0];
/** The answer to `state:get`. */
export type StateAnswer = Parameters<StateAck>[0];

/** The page's socket with the options every page uses; `labId` for a /labs/<id> page, `viewer` for the class link. */
export function openLabSocket(labId: string | undefined, viewer: boolean): LabSocket {
  return io({
    transports: ["websocket", "polling"],
    reconnectionDelay: 250,
    reconnectionDelayMax: 2000,
    query: { ...(viewer ? { view: "viewer" } : {}), ...(labId ? { lab: labId } : {}) },
  });
}

/** What the page's own address says: the lab of /labs/<id>[/...], or the default lab at /; null elsewhere. */
export function labOfPath(pathname: string): { labId: string | undefined } | null {
  if (pathname === "/") return { labId: undefined };
  const m = /^\/labs\/([^/]+)/.exec(pathname);
  return m ? { labId: decodeURIComponent(m[1]) } : null;
}

interface EarlySocket {
  labId: string | undefined;
  viewer: boolean;
  socket: LabSocket;
  /** Events that arrived before the hook listened, in order. */
  heard: [string, unknown[]][];
  connectError: Error | null;
  onConnectError: (err: Error) => void;
  onFirstConnect: () => void;
  /** The first `state:get`, asked the moment the socket connected. */
  firstState: Promise<StateAnswer> | null;
  unclaimed: ReturnType<typeof setTimeout>;
}

let early: EarlySocket | null = null;

/**
 * Opens the socket, and asks for the lab's state, while the page's scripts are still starting: on a
 * 100-container lab that answer (30,300 results, 5 MB) waited behind React's hydration, ~400 ms of a
 * first render. Called once, when this module loads in the browser; the hook takes it over.
 */
function openEarly(): void {
  const at = labOfPath(window.location.pathname);
  if (!at) return;
  const viewer = new URLSearchParams(window.location.search).get("view") === "viewer";
  const socket = openLabSocket(at.labId, viewer);
  const e: EarlySocket = {
    ...at,
    viewer,
    socket,
    heard: [],
    connectError: null,
    onConnectError: (err) => (e.connectError = err),
    onFirstConnect: () => (e.firstState = new Promise<StateAnswer>((resolve) => socket.emit("state:get", resolve))),
    firstState: null,
    unclaimed: setTimeout(() => drop(), 15_000),
  };
  socket.onAny((event: string, ...args: unknown[]) => e.heard.push([event, args]));
  socket.once("connect", e.onFirstConnect);
  socket.on("connect_error", e.onConnectError);
  early = e;
}

/** A page that never took it (it had no use for the lab) does not keep it open. */
function drop(): void {
  early?.socket.disconnect();
  early = null;
}

export interface AdoptedSocket {
  socket: LabSocket;
  /** The answer to the state request asked on connect (null: not connected yet, ask on connect as usual). */
  firstState: Promise<StateAnswer> | null;
  /** Hands the events heard so far, and a refused connection, to the listeners now attached; stops hearing for itself. */
  replay: (onConnectError: (err: Error) => void) => void;
}

/** The early socket, if it was opened for this lab and view; each page takes it once. */
export function takeEarlySocket(labId: string | undefined, viewer: boolean): AdoptedSocket | null {
  const e = early;
  early = null;
  if (!e) return null;
  clearTimeout(e.unclaimed);
  // Not connected yet: the hook's own connect listener asks for the state.
  e.socket.off("connect", e.onFirstConnect);
  if (e.labId !== labId || e.viewer !== viewer) {
    e.socket.disconnect();
    return null;
  }
  return {
    socket: e.socket,
    firstState: e.firstState,
    replay: (onConnectError) => {
      e.socket.offAny();
      e.socket.off("connect_error", e.onConnectError);
      for (const [event, args] of e.heard.splice(0)) for (const listener of e.socket.listeners(event as never)) (listener as (...a: unknown[]) => void)(...args);
      if (e.connectError && !e.socket.connected) onConnectError(e.connectError);
    },
  };
}

if (typeof window !== "undefined") openEarly();
