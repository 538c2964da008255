"use client";
import { useCallback, useRef, useState } from "react";
import type { Diagnosis } from "@/lib/contracts/diagnosis";
import type { Protocol } from "@/lib/contracts/matrix";
import type { LabSocket } from "../use-lab-socket";

export interface DiagnosisRequest {
  from: string;
  to: string;
  protocol: Protocol;
}

export interface DiagnosisView {
  /** Which question this is: a new one (or the same one asked again) gets a new ticket. */
  ticket: number;
  request: DiagnosisRequest;
  diagnosis: Diagnosis | null;
  error: string | null;
}

/** Asks the server why one cell failed; a newer question replaces the answer to an older one. */
export function useDiagnosis(getSocket: () => LabSocket | null) {
  const [view, setView] = useState<DiagnosisView | null>(null);
  const latest = useRef(0);
  const ask = useCallback(
    (request: DiagnosisRequest) => {
      const ticket = ++latest.current;
      setView({ ticket, request, diagnosis: null, error: null });
      const socket = getSocket();
      if (!socket?.connected) return setView({ ticket, request, diagnosis: null, error: "not connected to the server" });
      socket.emit("diagnose", { ...request, timeoutMs: 1000 }, (answer) => {
        if (ticket !== latest.current) return;
        setView(answer.ok ? { ticket, request, diagnosis: answer.value, error: null } : { ticket, request, diagnosis: null, error: answer.error });
      });
    },
    [getSocket],
  );
  const close = useCallback(() => {
    latest.current++;
    setView(null);
  }, []);
  return { view, ask, close };
}
