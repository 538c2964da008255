"use client";
import { useState } from "react";
import type { DaemonHealthSnapshot, DaemonName } from "@/lib/contracts/daemon-health";

const WHAT_BREAKS: Record<DaemonName, string> = {
  "ovsdb-server": "the switch's database is gone: nothing about the bridge can be read or changed, and tests say switch-down",
  "ovs-vswitchd": "the switch itself is gone: nothing crosses the bridge, and tests say switch-down",
  // A SIGTERMed dockerd stops the containers (a run then has nothing to test and says so); a crashed one may leave them running.
  dockerd: "the containers are gone with it: tests with them say docker-down, or cannot start while they are stopped",
};

const time = (iso: string) => new Date(iso).toLocaleTimeString();

/** Names each daemon that is down, since when and what that breaks; the operator can start it again from here. */
export function DaemonBanner({ daemons, canStart, onStart }: { daemons: DaemonHealthSnapshot | null; canStart: boolean; onStart: (d: DaemonName) => Promise<string | null> }) {
  const [starting, setStarting] = useState<DaemonName | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  if (!daemons || daemons.down.length === 0) return null;
  const start = (daemon: DaemonName) => {
    setStarting(daemon);
    setFailure(null);
    void onStart(daemon).then((error) => {
      setStarting(null);
      setFailure(error);
    });
  };
  return (
    <div role="alert" data-testid="daemon-banner" className="flex flex-col gap-1 bg-red-700 px-4 py-2 text-white">
      {daemons.down.map((d) => (
        <div key={d} className="flex flex-wrap items-center gap-3" data-testid={`daemon-down-${d}`}>
          <span>
            <strong>{d} is down</strong> since {time(daemons.daemons[d].since)}: {WHAT_BREAKS[d]}.
            {daemons.daemons[d].lastError && <span className="opacity-80"> ({daemons.daemons[d].lastError})</span>}
          </span>
          {canStart && (
            <button type="button" disabled={starting !== null} onClick={() => start(d)} className="rounded-md bg-white px-2 py-0.5 text-sm font-semibold text-red-800 hover:bg-red-100 focus-visible:outline-2 focus-visible:outline-white disabled:opacity-60">
              {starting === d ? "Starting…" : "Start it again"}
            </button>
          )}
        </div>
      ))}
      {failure && <div className="text-sm">Could not start it: {failure}</div>}
    </div>
  );
}
