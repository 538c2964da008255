"use client";
import { useCallback, useState, type FormEvent } from "react";
import { IMPAIRMENT_DIRECTIONS, type LinkImpairment } from "@/lib/contracts/impairment";
import { EditStatus, useEditStatus } from "./edit-status";
import { BUTTON, FIELD, QUIET_BUTTON, SECTION } from "./edit-styles";
import { fieldsOf, impairmentOf, type ImpairmentFields } from "./impairment-fields";
import type { LabEdits } from "./use-lab-edits";
import { useListed } from "./use-listed";

const LABELS: Record<Exclude<keyof ImpairmentFields, "direction">, string> = { delayMs: "delay (ms)", jitterMs: "jitter (ms)", lossPercent: "loss (%)", rateKbit: "rate (kbit/s)" };

/** The endpoint link's impairment (delay, jitter, loss, rate): what it carries now, by which engine, and a form to set or clear it. */
export function ImpairmentEditor({ endpoint, refused, edits }: { endpoint: string; refused: string | null; edits: LabEdits }) {
  const { list, replace } = useListed(useCallback(() => edits.listImpairments(), [edits]));
  const current = list?.ok ? (list.value.links.find((l) => l.endpoint === endpoint) ?? null) : null;
  const [fields, setFields] = useState<ImpairmentFields | null>(null);
  const shown = fields ?? fieldsOf(current?.impairment);
  const { status, busy, run } = useEditStatus();
  const title = refused ?? undefined;
  const apply = async (link: ImpairmentFields | null) => {
    const parsed = link ? await impairmentOf(link) : { ok: true as const, value: null };
    if (!parsed.ok) return run(async () => parsed, () => "");
    await run(() => edits.setImpairment(endpoint, parsed.value), (answer) => {
      if (list?.ok) replace({ ...list.value, links: [...list.value.links.filter((l) => l.endpoint !== endpoint), ...(answer.link ? [answer.link] : [])] });
      setFields(null);
      return answer.link ? `now: ${answer.link.note}` : `${endpoint}'s link is plain again`;
    });
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void apply(shown);
  };
  return (
    <form onSubmit={submit} aria-labelledby="impairment-title" data-testid="impairment-editor" className={SECTION}>
      <h3 id="impairment-title" className="font-semibold">Link impairment of {endpoint}</h3>
      <p className="text-xs text-slate-600 dark:text-slate-400" data-testid="impairment-now">
        {current ? describe(current) : list && !list.ok ? list.error : "none: a plain link"}
      </p>
      <div className="grid grid-cols-2 gap-2">
        {(Object.keys(LABELS) as (keyof typeof LABELS)[]).map((key) => (
          <label key={key} className="flex flex-col gap-0.5 text-xs">
            {LABELS[key]}
            <input inputMode="decimal" value={shown[key]} disabled={refused !== null} title={title} onChange={(e) => setFields({ ...shown, [key]: e.target.value })} className={FIELD} />
          </label>
        ))}
      </div>
      <label className="flex items-center gap-2 text-xs">
        direction
        <select value={shown.direction} disabled={refused !== null} title={title} onChange={(e) => setFields({ ...shown, direction: e.target.value as ImpairmentFields["direction"] })} className={FIELD}>
          {IMPAIRMENT_DIRECTIONS.map((d) => (
            <option key={d} value={d}>{d}</option>
          ))}
        </select>
      </label>
      <div className="flex gap-2">
        <button type="submit" disabled={refused !== null || busy} title={title} className={BUTTON}>
          Apply
        </button>
        <button type="button" disabled={refused !== null || busy || !current} title={title} onClick={() => void apply(null)} className={QUIET_BUTTON}>
          Clear
        </button>
      </div>
      {list?.ok && <p className="text-xs text-slate-500">this host: {list.value.support.summary}</p>}
      <EditStatus status={status} />
    </form>
  );
}

function describe(link: LinkImpairment): string {
  return `now: ${link.note}${link.engine === "relay" ? ` (bridge port ${link.bridgePort})` : ""}`;
}
