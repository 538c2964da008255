"use client";
import { useEffect, useState } from "react";
import type { StudentView } from "@/lib/contracts/classroom";
import type { LabSocket } from "../use-lab-socket";

/**
 * A student's own view over the page's socket: asked for once connected (again after every reconnect),
 * then kept live by student:update. `active`: the page is connected and the server said it is a student's.
 */
export function useStudentView(getSocket: () => LabSocket | null, active: boolean): { view: StudentView | null; error: string | null } {
  const [view, setView] = useState<StudentView | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    const socket = getSocket();
    if (!active || !socket) return;
    let live = true;
    const onUpdate = (v: StudentView) => live && setView(v);
    socket.on("student:update", onUpdate);
    socket.emit("student:get", {}, (answer) => {
      if (!live) return;
      setError(answer.ok ? null : answer.error);
      if (answer.ok) setView(answer.value);
    });
    return () => {
      live = false;
      socket.off("student:update", onUpdate);
    };
  }, [getSocket, active]);
  return { view, error };
}
