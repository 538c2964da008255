"use client";
import { CONNECTION, type ConnectionState } from "@/lib/dashboard/dashboard-state";

const TEXT: Record<Exclude<ConnectionState, "online">, string> = {
  connecting: "Connecting to the lab server…",
  reconnecting: "Connection lost: reconnecting to the lab server…",
  incompatible: "This page and the server speak different protocol versions: reload the page.",
};

/** Says so when the live connection is not there; the page resynchronises when it comes back. */
export function ConnectionBanner({ state, error }: { state: ConnectionState; error: string | null }) {
  return (
    <div role="status" aria-live="polite">
      {state !== CONNECTION.online && (
        <div data-testid="connection-banner" data-state={state} className="bg-amber-300 px-4 py-2 text-center font-semibold text-amber-950">
          {TEXT[state]}
        </div>
      )}
      {error && <div className="bg-red-100 px-4 py-1 text-center text-sm text-red-900 dark:bg-red-950 dark:text-red-100">{error}</div>}
    </div>
  );
}
