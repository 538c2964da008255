"use client";
import type { Role } from "@/lib/contracts/access";
import { useCallback, useEffect, useRef, useState } from "react";
import { io } from "socket.io-client";
import { SOCKET_PROTOCOL_VERSION } from "@/lib/contracts/socket-events";
import type { ExperimentRunState } from "@/lib/contracts/experiment";
import { countProbe, withVariant, type ProbeCounts } from "@/lib/experiment/experiment-table";
import type { LabSocket } from "../use-lab-socket";

/** What the page sends to start a run (the server fills in the rest and checks it all). */
export interface ExperimentStart {
  only: string[];
  labIdPrefix: string;
  firstSubnet: string;
}

export interface ExperimentControls {
  run: ExperimentRunState | null;
  /** Probes landed per variant of the current run, before its tally is in. */
  probes: ProbeCounts;
  connected: boolean;
  /** What the server decided this page is; only the operator starts or cancels. */
  role: Role | null;
  error: string | null;
  start: (request: ExperimentStart) => void;
  cancel: () => void;
}

/** The experiment page's own connection: rows of the current run arrive as the server broadcasts them. */
export function useExperiment(): ExperimentControls {
  const [run, setRun] = useState<ExperimentRunState | null>(null);
  const [probes, setProbes] = useState<ProbeCounts>(null);
  const [connected, setConnected] = useState(false);
  const [role, setRole] = useState<Role | null>(null);
  const [error, setError] = useState<string | null>(null);
  const socketRef = useRef<LabSocket | null>(null);

  useEffect(() => {
    const viewer = new URLSearchParams(window.location.search).get("view") === "viewer";
    const socket: LabSocket = io({ transports: ["websocket", "polling"], reconnectionDelay: 250, reconnectionDelayMax: 2000, query: viewer ? { view: "viewer" } : {} });
    socketRef.current = socket;
    socket.on("connect", () => setConnected(true));
    socket.on("disconnect", () => setConnected(false));
    socket.on("hello", (info) => {
      setRole(info.role);
      if (info.protocolVersion === SOCKET_PROTOCOL_VERSION) return;
      setError(`the server speaks protocol ${info.protocolVersion}, this page ${SOCKET_PROTOCOL_VERSION}: reload`);
      socket.disconnect();
    });
    // A run started elsewhere (another tab, the API) takes over the table when its rows arrive.
    socket.on("experiment:variant", ({ experimentId, variant }) =>
      setRun((current) => withVariant(current?.id === experimentId ? current : { id: experimentId, protocols: ["icmp", "tcp", "udp"], startedAt: "", finishedAt: null, variants: [] }, experimentId, variant)),
    );
    socket.on("experiment:result", ({ experimentId, variantId }) => setProbes((c) => countProbe(c, experimentId, variantId)));
    socket.on("experiment:finished", (state) => setRun((current) => (current === null || current.id === state.id ? state : current)));
    return () => {
      socket.removeAllListeners();
      socket.disconnect();
      socketRef.current = null;
    };
  }, []);

  const start = useCallback((request: ExperimentStart) => {
    const socket = socketRef.current;
    if (!socket?.connected) return setError("not connected to the server");
    setError(null);
    socket.emit("experiment:start", { ...request, protocols: ["icmp", "tcp", "udp"] }, (answer) => {
      if (answer.ok) setRun(answer.value);
      else setError(answer.error);
    });
  }, []);

  const cancel = useCallback(() => {
    const id = run?.id;
    if (id) socketRef.current?.emit("experiment:cancel", { id }, (answer) => !answer.ok && setError(answer.error));
  }, [run?.id]);

  return { run, probes, connected, role, error, start, cancel };
}
