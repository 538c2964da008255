import type { PresenterSelection, PresenterState } from "../contracts/presenter";

/** A page that follows the presenter: the newest selection it was sent, and whether it applies it. */
export interface FollowState {
  following: boolean;
  latest: PresenterState | null;
}

export type FollowAction =
  /** presenter:state as it arrives: applied only if newer than what the page has. */
  | { kind: "event"; state: PresenterState }
  /** The answer to presenter:get (after a connect): what the server has now, whatever the page had. */
  | { kind: "snapshot"; state: PresenterState | null }
  | { kind: "detach" }
  | { kind: "rejoin" };

export const initialFollowState: FollowState = { following: true, latest: null };

export function followReducer(state: FollowState, action: FollowAction): FollowState {
  switch (action.kind) {
    case "event":
      // Events can overtake the snapshot that was asked for before them; the sequence number decides.
      if (state.latest && state.latest.labId === action.state.labId && action.state.seq <= state.latest.seq) return state;
      return { ...state, latest: action.state };
    case "snapshot":
      // A restarted server counts from 1 again: what it says now replaces what the page remembers.
      return { ...state, latest: action.state };
    case "detach":
      return state.following ? { ...state, following: false } : state;
    case "rejoin":
      return state.following ? state : { ...state, following: true };
  }
}

/** What the page shows of the presenter's selection: nothing while detached or before the presenter chose anything. */
export function followedSelection(state: FollowState): PresenterSelection | null {
  if (!state.following || !state.latest) return null;
  const { cell, node, panel, step } = state.latest;
  return { cell, node, panel, step };
}

/** The presenter chose something (a cell, a node, a panel or a step); a cleared selection is nothing to follow. */
export function presenterActive(state: FollowState): boolean {
  const l = state.latest;
  return l !== null && (l.cell !== null || l.node !== null || l.panel !== null || l.step !== null);
}

/** The follow control's words. */
export function followLabel(state: FollowState): string {
  if (!presenterActive(state)) return "No presenter yet";
  return state.following ? "Following the presenter" : "Detached from the presenter";
}

/** The pair a matrix cell key names (`tcp:c1>c2`), for lighting its path on the graph; null if it is not one. */
export function cellPair(key: string | null): { from: string; to: string } | null {
  const m = key ? /^[a-z]+:([^>]+)>(.+)$/.exec(key) : null;
  return m ? { from: m[1], to: m[2] } : null;
}
