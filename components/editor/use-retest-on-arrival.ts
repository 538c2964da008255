"use client";
import { useEffect, useRef } from "react";

/** The query a new lab's page is opened with after the editor brought it up: test every pair once. */
export const RETEST_ALL_QUERY = "retest";

/**
 * A lab the editor just made opens with `?retest=all`: once the page knows the lab and may run tests,
 * every pair is tested (all of them are new) and the query is taken out of the address.
 */
export function useRetestOnArrival(ready: boolean, runAll: () => void): void {
  const done = useRef(false);
  useEffect(() => {
    if (done.current || !ready) return;
    const url = new URL(window.location.href);
    if (url.searchParams.get(RETEST_ALL_QUERY) !== "all") return;
    done.current = true;
    url.searchParams.delete(RETEST_ALL_QUERY);
    window.history.replaceState(null, "", url.pathname + url.search + url.hash);
    runAll();
  }, [ready, runAll]);
}
