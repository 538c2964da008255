import type { CapturedPacket, CaptureSummary } from "../contracts/capture";

/** One capture as the page holds it: the request's interface, its summary once known, and its packets. */
export interface CaptureView {
  interfaceId: string;
  summary: CaptureSummary | null;
  packets: CapturedPacket[];
  error: string | null;
}

export type CaptureAction =
  | { kind: "requested"; interfaceId: string }
  | { kind: "started"; summary: CaptureSummary }
  | { kind: "packet"; packet: CapturedPacket }
  | { kind: "ended"; summary: CaptureSummary }
  | { kind: "failed"; error: string }
  | { kind: "cleared" };

/** The page shows one capture at a time; events of any other stream are ignored. */
export function captureReducer(state: CaptureView | null, action: CaptureAction): CaptureView | null {
  switch (action.kind) {
    case "requested":
      return { interfaceId: action.interfaceId, summary: null, packets: [], error: null };
    case "cleared":
      return null;
    case "failed":
      return state ? { ...state, error: action.error } : state;
    case "started":
      return state ? { ...state, summary: action.summary, packets: state.packets.filter((p) => p.streamId === action.summary.id) } : state;
    case "packet": {
      if (!state || (state.summary && state.summary.id !== action.packet.streamId)) return state;
      if (state.packets.some((p) => p.streamId === action.packet.streamId && p.index === action.packet.index)) return state;
      return { ...state, packets: [...state.packets, action.packet] };
    }
    case "ended":
      return state && state.summary?.id === action.summary.id ? { ...state, summary: action.summary } : state;
  }
}

export function isCapturing(view: CaptureView | null): boolean {
  return view !== null && view.error === null && (view.summary === null || view.summary.endReason === null);
}
