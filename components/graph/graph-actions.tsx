"use client";
import { createContext, useContext } from "react";
import { VIEWER_REASON } from "@/lib/contracts/access";

/** What a card can ask of the page: toggle TX offload, open an interface's side panel. */
export interface GraphActions {
  toggleTx: (interfaceId: string, on: boolean) => void;
  select: (interfaceId: string) => void;
  selectedId: string | null;
  /** Why this page may not toggle TX offload (a viewer, a student on another lab); null: it may. */
  txRefused: string | null;
}

export const GraphActionsContext = createContext<GraphActions>({ toggleTx: () => undefined, select: () => undefined, selectedId: null, txRefused: VIEWER_REASON });

export function useGraphActions(): GraphActions {
  return useContext(GraphActionsContext);
}
