/** Shared looks of the lab-edit panels (the capture form's field, the page's buttons). */
export const FIELD = "w-full rounded border border-slate-300 bg-white px-1.5 py-0.5 font-mono text-sm dark:border-slate-600 dark:bg-slate-900";
export const BUTTON =
  "rounded-md bg-sky-600 px-2 py-0.5 text-sm font-semibold text-white hover:bg-sky-700 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-sky-500 disabled:opacity-50";
export const QUIET_BUTTON =
  "rounded-md border border-slate-300 px-2 py-0.5 text-sm hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-sky-500 disabled:opacity-50 dark:border-slate-600 dark:hover:bg-slate-800";
export const SECTION = "flex flex-col gap-1.5 border-t border-slate-300 pt-3 dark:border-slate-700";
