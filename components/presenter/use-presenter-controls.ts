"use client";
import { useCallback, useMemo, useState } from "react";
import type { PresenterSelection, PresenterState } from "@/lib/contracts/presenter";
import type { LabSocket } from "../use-lab-socket";

export const NO_SELECTION: PresenterSelection = { cell: null, node: null, panel: null, step: null };

/**
 * The presenter's own selection, sent with presenter:set as they click. It shows at once (optimistic) and
 * then as the server echoes it (`current`, the presenter:state every page of the lab gets).
 */
export function usePresenterControls(getSocket: () => LabSocket | null, current: PresenterState | null) {
  const [pending, setPending] = useState<PresenterSelection | null>(null);
  const [error, setError] = useState<string | null>(null);
  const selection = useMemo<PresenterSelection>(
    () => pending ?? (current ? { cell: current.cell, node: current.node, panel: current.panel, step: current.step } : NO_SELECTION),
    [pending, current],
  );
  const change = useCallback(
    (patch: Partial<PresenterSelection>) => {
      const next = { ...selection, ...patch };
      setPending(next);
      const socket = getSocket();
      if (!socket?.connected) {
        setError("not connected to the server");
        setPending(null);
        return;
      }
      socket.emit("presenter:set", next, (answer) => {
        setError(answer.ok ? null : answer.error);
        setPending(null);
      });
    },
    [getSocket, selection],
  );
  return { selection, change, error };
}
