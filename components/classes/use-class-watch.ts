"use client";
import { useEffect, useState } from "react";
import { io } from "socket.io-client";
import type { ClassView } from "@/lib/contracts/classroom";
import type { LabSocket } from "../use-lab-socket";

export type ClassWatch = { kind: "connecting" } | { kind: "live"; view: ClassView; connected: boolean } | { kind: "failed"; message: string };

/** The teacher's grid, live: class:watch on connecting (and after every reconnect), then each class:update. */
export function useClassWatch(classId: string): [ClassWatch, (w: ClassWatch) => void] {
  const [watch, setWatch] = useState<ClassWatch>({ kind: "connecting" });
  useEffect(() => {
    const socket: LabSocket = io({ transports: ["websocket", "polling"], reconnectionDelay: 250, reconnectionDelayMax: 2000 });
    const live = (view: ClassView) => setWatch({ kind: "live", view, connected: true });
    socket.on("connect", () =>
      socket.emit("class:watch", { id: classId }, (answer) => (answer.ok ? live(answer.value) : setWatch({ kind: "failed", message: answer.error }))),
    );
    socket.on("disconnect", () => setWatch((w) => (w.kind === "live" ? { ...w, connected: false } : w)));
    socket.on("class:update", (view) => view.classId === classId && live(view));
    return () => {
      socket.removeAllListeners();
      socket.disconnect();
    };
  }, [classId]);
  return [watch, setWatch];
}
