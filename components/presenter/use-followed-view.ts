"use client";
import { useCallback, useEffect, useState } from "react";
import type { PresenterSelection } from "@/lib/contracts/presenter";
import { cellPair, followedSelection, type FollowAction, type FollowState } from "@/lib/classroom/follow-state";
import type { LabSocket } from "../use-lab-socket";
import { usePresenterFollow } from "./use-follow";

type Pair = { from: string; to: string };

/** Where each presenter panel is on the dashboard, to bring it into view. */
const PANEL_ELEMENT: Record<NonNullable<PresenterSelection["panel"]>, string> = {
  matrix: "lab-matrix",
  graph: "lab-graph",
  interface: "lab-graph",
  diagnosis: "lab-matrix",
  capture: "lab-capture",
};

export interface FollowedView {
  /** This page follows the presenter at all (not the operator's own dashboard). */
  enabled: boolean;
  state: FollowState;
  dispatch: (a: FollowAction) => void;
  /** The interface whose panel is open: the presenter's while following, else the page's own. */
  selectedId: string | null;
  /** The page's own choice; while following the presenter it detaches first. */
  select: (interfaceId: string | null) => void;
  hovered: Pair | null;
  setHovered: (pair: Pair | null) => void;
  /** The path lit on the graph: the hovered cell's, else the presenter's cell's. */
  highlight: Pair | null;
  /** The presenter's matrix cell (cellKey), outlined. */
  cell: string | null;
  step: string | null;
}

/** The dashboard's selection, driven by the presenter while the page follows them, by the page's own clicks otherwise. */
export function useFollowedView(getSocket: () => LabSocket | null, online: boolean, enabled: boolean): FollowedView {
  const [state, dispatch] = usePresenterFollow(getSocket, online && enabled);
  const [ownSelected, setOwnSelected] = useState<string | null>(null);
  const [hovered, setHovered] = useState<Pair | null>(null);
  const followed = enabled ? followedSelection(state) : null;
  const following = followed !== null;
  const select = useCallback(
    (interfaceId: string | null) => {
      if (following) dispatch({ kind: "detach" });
      setOwnSelected(interfaceId);
    },
    [following, dispatch],
  );
  const seq = following ? (state.latest?.seq ?? 0) : 0;
  const panel = followed?.panel ?? null;
  useEffect(() => {
    if (panel) document.getElementById(PANEL_ELEMENT[panel])?.scrollIntoView({ block: "nearest", behavior: "smooth" });
  }, [seq, panel]);
  return {
    enabled,
    state,
    dispatch,
    selectedId: followed ? followed.node : ownSelected,
    select,
    hovered,
    setHovered,
    highlight: hovered ?? cellPair(followed?.cell ?? null),
    cell: followed?.cell ?? null,
    step: followed?.step ?? null,
  };
}
