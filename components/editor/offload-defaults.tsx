"use client";
import { OFFLOAD_FEATURE_NAMES, OFFLOAD_FEATURES, type OffloadFeature } from "@/lib/contracts/offload";
import { FIELD } from "../panels/edit-styles";

/** Each feature on, off, or left as the kernel makes it (a veth: on). */
export function OffloadDefaults({ owner, offload, onChange }: { owner: string; offload: Partial<Record<OffloadFeature, boolean>>; onChange: (f: OffloadFeature, on: boolean | undefined) => void }) {
  return (
    <fieldset className="flex flex-col gap-1 text-xs">
      <legend className="font-semibold">Offload defaults (set when the endpoint is made)</legend>
      <div className="grid grid-cols-3 gap-1">
        {OFFLOAD_FEATURE_NAMES.map((f) => (
          <label key={f} className="flex flex-col" title={OFFLOAD_FEATURES[f]}>
            {f}
            <select
              aria-label={`${owner} ${f} offload`}
              value={offload[f] === undefined ? "" : offload[f] ? "on" : "off"}
              onChange={(e) => onChange(f, e.target.value === "" ? undefined : e.target.value === "on")}
              className={FIELD}
            >
              <option value="">as is</option>
              <option value="on">on</option>
              <option value="off">off</option>
            </select>
          </label>
        ))}
      </div>
    </fieldset>
  );
}
