"use client";
import { useEffect, useState } from "react";
import { countdown } from "@/lib/classroom/countdown";

/** The class's countdown, ticking every second; nothing without an end time. */
export function CountdownBadge({ endsAt, className = "" }: { endsAt: string | null; className?: string }) {
  const [now, setNow] = useState<number | null>(null);
  useEffect(() => {
    if (endsAt === null) return;
    const tick = () => setNow(Date.now());
    tick();
    const timer = setInterval(tick, 1000);
    return () => clearInterval(timer);
  }, [endsAt]);
  // The first render (on the server too) waits for the browser's clock: no mismatched text on hydration.
  const shown = now === null ? null : countdown(endsAt, now);
  if (!shown) return null;
  const tone = shown.over ? "bg-red-600 text-white" : shown.urgent ? "bg-amber-300 text-amber-950" : "bg-slate-200 text-slate-900 dark:bg-slate-700 dark:text-slate-100";
  return (
    <span data-testid="countdown" role="timer" aria-live="off" className={`rounded px-2 py-0.5 font-mono font-semibold ${tone} ${className}`}>
      {shown.text}
    </span>
  );
}
