"use client";
import { createContext, useContext } from "react";

/** What a card can ask of the page: toggle TX offload, open an interface's side panel. */
export interface GraphActions {
  toggleTx: (interfaceId: string, on: boolean) => void;
  select: (interfaceId: string) => void;
  selectedId: string | null;
  readOnly: boolean;
}

export const GraphActionsContext = createContext<GraphActions>({ toggleTx: () => undefined, select: () => undefined, selectedId: null, readOnly: true });

export function useGraphActions(): GraphActions {
  return useContext(GraphActionsContext);
}
