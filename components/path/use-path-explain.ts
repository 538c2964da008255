"use client";
import { useCallback, useRef, useState } from "react";
import type { PathExplanation, PathFix } from "@/lib/contracts/path-explain";
import type { Protocol } from "@/lib/contracts/matrix";
import type { LabSocket } from "../use-lab-socket";

export interface PathRequest {
  from: string;
  to: string;
  protocol: Protocol;
}

export interface PathView {
  ticket: number;
  request: PathRequest;
  explained: PathExplanation | null;
  error: string | null;
  /** What a fix button answered, by its label. */
  applied: Record<string, string>;
}

/** Asks the server to explain one cell's path; a newer question replaces the answer to an older one. */
export function usePathExplain(getSocket: () => LabSocket | null) {
  const [view, setView] = useState<PathView | null>(null);
  const latest = useRef(0);
  const ask = useCallback(
    (request: PathRequest) => {
      const ticket = ++latest.current;
      setView({ ticket, request, explained: null, error: null, applied: {} });
      const socket = getSocket();
      if (!socket?.connected) return setView({ ticket, request, explained: null, error: "not connected to the server", applied: {} });
      socket.emit("path:explain", { ...request, timeoutMs: 1000 }, (answer) => {
        if (ticket !== latest.current) return;
        setView({ ticket, request, explained: answer.ok ? answer.value : null, error: answer.ok ? null : answer.error, applied: {} });
      });
    },
    [getSocket],
  );
  const applyFix = useCallback(
    (fix: PathFix) => {
      const socket = getSocket();
      const done = (answer: { ok: boolean; error?: string }) =>
        setView((v) => (v ? { ...v, applied: { ...v.applied, [fix.label]: answer.ok ? "applied: the cell is re-tested" : `refused: ${answer.error}` } } : v));
      if (!socket?.connected) return done({ ok: false, error: "not connected" });
      switch (fix.kind) {
        case "offload": return void socket.emit("offload:set", { interfaceId: fix.interfaceId, changes: fix.changes }, done);
        case "flow-delete": return void socket.emit("flow:delete", { id: fix.flowId }, done);
        case "port-tag": return void socket.emit("port:tag", { port: fix.port, tag: fix.tag }, done);
        case "mtu": return void socket.emit("interface:mtu", { interfaceId: fix.interfaceId, mtu: fix.mtu }, done);
        case "link-up": return void socket.emit("interface:link", { interfaceId: fix.interfaceId, up: true }, done);
        case "manual": return;
      }
    },
    [getSocket],
  );
  const close = useCallback(() => {
    latest.current++;
    setView(null);
  }, []);
  return { view, ask, applyFix, close };
}
