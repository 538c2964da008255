"use client";
import { useEffect, useReducer } from "react";
import type { PresenterState } from "@/lib/contracts/presenter";
import { followReducer, initialFollowState, type FollowAction, type FollowState } from "@/lib/classroom/follow-state";
import type { LabSocket } from "../use-lab-socket";

/**
 * The presenter's selection on this page's lab: what the server has on connecting (presenter:get), then
 * every presenter:state. Whether the page applies it is the follow state's (detach, rejoin).
 */
export function usePresenterFollow(getSocket: () => LabSocket | null, online: boolean): [FollowState, (action: FollowAction) => void] {
  const [state, dispatch] = useReducer(followReducer, initialFollowState);
  useEffect(() => {
    const socket = getSocket();
    if (!online || !socket) return;
    const onState = (s: PresenterState) => dispatch({ kind: "event", state: s });
    socket.on("presenter:state", onState);
    socket.emit("presenter:get", {}, (answer) => {
      if (answer.ok) dispatch({ kind: "snapshot", state: answer.value });
    });
    return () => {
      socket.off("presenter:state", onState);
    };
  }, [getSocket, online]);
  return [state, dispatch];
}
