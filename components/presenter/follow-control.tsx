"use client";
import { followLabel, presenterActive, type FollowAction, type FollowState } from "@/lib/classroom/follow-state";

const BUTTON = "rounded-md border border-slate-400 px-2 py-0.5 text-sm font-normal hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-sky-500 dark:border-slate-500 dark:hover:bg-slate-800";

/** On a page that follows the presenter: whether it does, and the switch to detach or rejoin. Nothing while the presenter shows nothing. */
export function FollowControl({ state, dispatch }: { state: FollowState; dispatch: (a: FollowAction) => void }) {
  if (!presenterActive(state)) return null;
  return (
    <div data-testid="follow-control" data-following={state.following} className="flex items-center gap-2 text-sm font-semibold" role="status" aria-live="polite">
      <span className={`inline-block h-2.5 w-2.5 rounded-full ${state.following ? "animate-pulse bg-sky-500" : "bg-slate-400"}`} aria-hidden="true" />
      {followLabel(state)}
      {state.following ? (
        <button type="button" className={BUTTON} onClick={() => dispatch({ kind: "detach" })}>Detach</button>
      ) : (
        <button type="button" className={BUTTON} onClick={() => dispatch({ kind: "rejoin" })}>Follow the presenter</button>
      )}
    </div>
  );
}
