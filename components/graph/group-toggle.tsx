"use client";
import { createContext, useContext } from "react";

/** Which endpoint groups are drawn open, and how a group card asks to open or close. */
export interface GroupToggle {
  expanded: ReadonlySet<string>;
  toggle: (groupId: string) => void;
}

export const GroupToggleContext = createContext<GroupToggle>({ expanded: new Set(), toggle: () => undefined });

export function useGroupToggle(): GroupToggle {
  return useContext(GroupToggleContext);
}
