export interface Countdown {
  /** "12:04 left", "1:02:03 left", "time is up". */
  text: string;
  secondsLeft: number;
  over: boolean;
  /** The last five minutes. */
  urgent: boolean;
}

const pad = (n: number) => String(n).padStart(2, "0");

/** What the countdown of a class shows at `now` (ms); null without an end time. */
export function countdown(endsAt: string | null, now: number): Countdown | null {
  if (endsAt === null) return null;
  const end = Date.parse(endsAt);
  if (Number.isNaN(end)) return null;
  const secondsLeft = Math.max(0, Math.ceil((end - now) / 1000));
  if (secondsLeft === 0) return { text: "time is up", secondsLeft, over: true, urgent: true };
  const h = Math.floor(secondsLeft / 3600);
  const m = Math.floor((secondsLeft % 3600) / 60);
  const s = secondsLeft % 60;
  const clock = h > 0 ? `${h}:${pad(m)}:${pad(s)}` : `${m}:${pad(s)}`;
  return { text: `${clock} left`, secondsLeft, over: false, urgent: secondsLeft <= 300 };
}

/** "3 min 20 s after the start" style: when a check first passed, relative to the class's start. */
export function sinceStart(createdAt: string, at: string | null): string | null {
  if (at === null) return null;
  const seconds = Math.max(0, Math.round((Date.parse(at) - Date.parse(createdAt)) / 1000));
  if (Number.isNaN(seconds)) return null;
  const m = Math.floor(seconds / 60);
  return m > 0 ? `${m} min ${seconds % 60} s` : `${seconds} s`;
}
