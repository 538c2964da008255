"use client";
import { useCallback, useEffect, useReducer, useRef } from "react";
import type { CaptureRequest, CapturedPacket, CaptureSummary } from "@/lib/contracts/capture";
import { captureReducer, isCapturing, type CaptureView } from "@/lib/capture/capture-state";
import type { LabSocket } from "../use-lab-socket";

export interface CaptureControls {
  view: CaptureView | null;
  start: (request: CaptureRequest) => void;
  stop: () => void;
  clear: () => void;
}

/**
 * One capture at a time over the page's socket; its listeners go away with it (the disposer), and on unmount.
 * With `watchOthers` (a viewer's page) the captures others start are shown as they stream.
 */
export function useCapture(getSocket: () => LabSocket | null, watchOthers = false): CaptureControls {
  const [view, dispatch] = useReducer(captureReducer, null);
  const viewRef = useRef(view);
  useEffect(() => {
    viewRef.current = view;
  });
  useEffect(() => {
    const socket = getSocket();
    if (!watchOthers || !socket) return;
    const onStarted = (summary: CaptureSummary) => {
      if (isCapturing(viewRef.current)) return;
      dispatch({ kind: "requested", interfaceId: summary.interfaceId });
      dispatch({ kind: "started", summary });
    };
    const onPacket = (packet: CapturedPacket) => dispatch({ kind: "packet", packet });
    const onEnd = (summary: CaptureSummary) => dispatch({ kind: "ended", summary });
    socket.on("capture:started", onStarted);
    socket.on("capture:packet", onPacket);
    socket.on("capture:end", onEnd);
    return () => {
      socket.off("capture:started", onStarted);
      socket.off("capture:packet", onPacket);
      socket.off("capture:end", onEnd);
    };
  }, [getSocket, watchOthers]);
  const dispose = useRef<(() => void) | null>(null);
  const streamId = useRef<string | null>(null);

  const detach = useCallback(() => {
    dispose.current?.();
    dispose.current = null;
  }, []);

  const stop = useCallback(() => {
    const id = streamId.current;
    if (id) getSocket()?.emit("capture:stop", { id }, () => undefined);
  }, [getSocket]);

  const start = useCallback(
    (request: CaptureRequest) => {
      stop();
      detach();
      const socket = getSocket();
      dispatch({ kind: "requested", interfaceId: request.interfaceId });
      if (!socket?.connected) return dispatch({ kind: "failed", error: "not connected to the server" });
      const onPacket = (packet: CapturedPacket) => dispatch({ kind: "packet", packet });
      const onEnd = (summary: CaptureSummary) => dispatch({ kind: "ended", summary });
      socket.on("capture:packet", onPacket);
      socket.on("capture:end", onEnd);
      dispose.current = () => {
        socket.off("capture:packet", onPacket);
        socket.off("capture:end", onEnd);
      };
      socket.emit("capture:start", request, (answer) => {
        if (!answer.ok) return dispatch({ kind: "failed", error: answer.error });
        streamId.current = answer.value.id;
        dispatch({ kind: "started", summary: answer.value });
      });
    },
    [getSocket, stop, detach],
  );

  const clear = useCallback(() => {
    stop();
    detach();
    streamId.current = null;
    dispatch({ kind: "cleared" });
  }, [stop, detach]);

  useEffect(() => detach, [detach]);
  return { view, start, stop, clear };
}
