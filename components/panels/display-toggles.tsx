"use client";

export interface DisplayOptions {
  dark: boolean;
  largeText: boolean;
}

const BUTTON = "rounded-md border border-slate-400 px-2 py-1 text-sm focus-visible:outline-2 focus-visible:outline-sky-500 aria-pressed:bg-slate-700 aria-pressed:text-white dark:border-slate-500";

/** Theme and projector (large text) switches. */
export function DisplayToggles({ options, onChange }: { options: DisplayOptions; onChange: (o: DisplayOptions) => void }) {
  return (
    <div className="flex gap-2">
      <button type="button" className={BUTTON} aria-pressed={options.dark} aria-label="Dark theme" onClick={() => onChange({ ...options, dark: !options.dark })}>
        {options.dark ? "☾ Dark" : "☀ Light"}
      </button>
      <button type="button" className={BUTTON} aria-pressed={options.largeText} aria-label="Large text for projectors" onClick={() => onChange({ ...options, largeText: !options.largeText })}>
        A+ Large text
      </button>
    </div>
  );
}
