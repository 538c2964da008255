"use client";
import { io, type Socket } from "socket.io-client";
import type { ClientToServerEvents, ServerToClientEvents } from "@/lib/contracts/socket-events";

export type LabSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** The page's socket with the options every page uses; `labId` for a /labs/<id> page, `viewer` for the class link. */
export function openLabSocket(labId: string | undefined, viewer: boolean): LabSocket {
  return io({
    transports: ["websocket", "polling"],
    reconnectionDelay: 250,
    reconnectionDelayMax: 2000,
    query: { ...(viewer ? { view: "viewer" } : {}), ...(labId ? { lab: labId } : {}) },
  });
}
