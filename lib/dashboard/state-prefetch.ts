import type { LabStateAnswer } from "../contracts/lab-state";

/** Where the page's HTML leaves its state request for the page's script to take. */
const GLOBAL = "__ovslabState";

interface Prefetch {
  /** The lab of /labs/<id>[/...]; null for the default lab at /. */
  labId: string | null;
  answer: Promise<LabStateAnswer | null>;
}

/**
 * Run by the page's HTML as it is parsed, before any of its scripts load: a lab page asks for its
 * state (GET /api/state, or /api/labs/<id>/state) at once. On a 100-container lab that answer is
 * 1.5 MB; asked from the socket once React had started, it came ~700 ms after the page's scripts
 * had loaded. Plain ES5, no outside names: it is inlined as it is written here.
 */
export const PREFETCH_SCRIPT = `(function () {
  var path = location.pathname;
  var m = /^\\/labs\\/([^/]+)/.exec(path);
  if (path !== "/" && !m) return;
  var url = (m ? "/api/labs/" + m[1] : "/api") + "/state";
  window.${GLOBAL} = {
    labId: m ? decodeURIComponent(m[1]) : null,
    answer: fetch(url, { credentials: "same-origin", headers: { accept: "application/json" } })
      .then(function (r) { return r.ok ? r.json() : null; })
      .catch(function () { return null; })
  };
})();`;

/** The state the HTML asked for, if it was for this lab; each page takes it once (null: ask the socket). */
export function takePrefetchedState(labId: string | undefined, from: Record<string, unknown> = globalThis as Record<string, unknown>): Promise<LabStateAnswer | null> | null {
  const prefetch = from[GLOBAL] as Prefetch | undefined;
  delete from[GLOBAL];
  return prefetch && prefetch.labId === (labId ?? null) ? prefetch.answer : null;
}
