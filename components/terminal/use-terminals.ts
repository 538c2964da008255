"use client";
import { useCallback, useEffect, useState } from "react";
import type { TerminalInfo, TerminalTarget } from "@/lib/contracts/terminal";
import type { LabSocket } from "../use-lab-socket";
import { TerminalStreams } from "./terminal-streams";

export interface TerminalTab {
  info: TerminalInfo;
  /** Why it ended (the shell exited, the endpoint went); null while it runs. */
  ended: string | null;
}

export interface TerminalControls {
  tabs: TerminalTab[];
  /** The tab shown; null: the newest. */
  activeId: string | null;
  error: string | null;
  streams: TerminalStreams;
  open: (target: TerminalTarget) => void;
  close: (id: string) => void;
  activate: (id: string) => void;
}

/** The page's terminals: tabs over the page's socket, each one's output routed to its view. */
export function useTerminals(getSocket: () => LabSocket | null): TerminalControls {
  const [tabs, setTabs] = useState<TerminalTab[]>([]);
  const [activeId, setActiveId] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [streams] = useState(
    () => new TerminalStreams((id, message) => setTabs((all) => all.map((t) => (t.info.id === id && t.ended === null ? { ...t, ended: message } : t)))),
  );
  useEffect(() => () => streams.stop(), [streams]);

  const open = useCallback(
    (target: TerminalTarget) => {
      const socket = getSocket();
      if (!socket?.connected) return setError("not connected to the server");
      streams.use(socket);
      setError(null);
      socket.emit("terminal:open", { target, cols: 100, rows: 24 }, (answer) => {
        if (!answer.ok) return setError(answer.error);
        setTabs((all) => [...all, { info: answer.value, ended: null }]);
        setActiveId(answer.value.id);
      });
    },
    [getSocket, streams],
  );

  const close = useCallback(
    (id: string) => {
      getSocket()?.emit("terminal:close", { id }, () => undefined);
      streams.drop(id);
      setTabs((all) => all.filter((t) => t.info.id !== id));
      // The panel then shows the newest tab left.
      setActiveId((current) => (current === id ? null : current));
    },
    [getSocket, streams],
  );

  return { tabs, activeId, error, streams, open, close, activate: setActiveId };
}
