"use client";
import { createContext, useContext } from "react";
import { VIEWER_REASON } from "@/lib/contracts/access";
import type { TerminalTarget } from "@/lib/contracts/terminal";

/** What a card can ask of the page: toggle TX offload, open an interface's side panel. */
export interface GraphActions {
  toggleTx: (interfaceId: string, on: boolean) => void;
  select: (interfaceId: string) => void;
  selectedId: string | null;
  /** Why this page may not toggle TX offload (a viewer, a student on another lab); null: it may. */
  txRefused: string | null;
  /** Opens a terminal (the operator's page only: absent, no terminal button is drawn). */
  openTerminal?: (target: TerminalTarget) => void;
}

export const GraphActionsContext = createContext<GraphActions>({ toggleTx: () => undefined, select: () => undefined, selectedId: null, txRefused: VIEWER_REASON });

export function useGraphActions(): GraphActions {
  return useContext(GraphActionsContext);
}
