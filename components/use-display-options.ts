"use client";
import { useEffect, useState } from "react";
import type { DisplayOptions } from "./panels/display-toggles";

const KEY = "ovs-lab.display";

/** Theme and text size, applied to <html> and remembered in this browser. */
export function useDisplayOptions(): [DisplayOptions, (o: DisplayOptions) => void] {
  const [options, setOptions] = useState<DisplayOptions>({ dark: true, largeText: false });
  useEffect(() => {
    try {
      const saved: unknown = JSON.parse(localStorage.getItem(KEY) ?? "null");
      if (saved && typeof saved === "object" && "dark" in saved && "largeText" in saved)
        // localStorage exists only in the browser: read after hydration, so the server's render and the first client render agree.
        // eslint-disable-next-line react-hooks/set-state-in-effect
        setOptions({ dark: saved.dark === true, largeText: saved.largeText === true });
    } catch {
      /* a bad saved value: keep the defaults */
    }
  }, []);
  useEffect(() => {
    const root = document.documentElement;
    root.classList.toggle("dark", options.dark);
    root.classList.toggle("large-text", options.largeText);
    localStorage.setItem(KEY, JSON.stringify(options));
  }, [options]);
  return [options, setOptions];
}
