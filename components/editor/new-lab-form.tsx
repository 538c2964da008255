"use client";
import { useState, type FormEvent } from "react";
import { subnetPrefix, type NewLabChoice } from "@/lib/lab-editor/lab-draft";
import { LAB_ID_PATTERN, OVS_NAME_PATTERN } from "@/lib/lab-spec/schema";
import { BUTTON, FIELD, QUIET_BUTTON } from "../panels/edit-styles";

/** "New lab": its id, its first bridge and its /24, with defaults; the canvas then holds that bridge alone. */
export function NewLabForm({ initial, onCreate, onCancel }: { initial: NewLabChoice; onCreate: (c: NewLabChoice) => void; onCancel?: () => void }) {
  const [choice, setChoice] = useState(initial);
  const [bridgeTouched, setBridgeTouched] = useState(false);
  const problems = {
    id: LAB_ID_PATTERN.test(choice.id) ? null : "a lower-case letter, then up to 5 lower-case letters or digits",
    bridgeName: OVS_NAME_PATTERN.test(choice.bridgeName) ? null : "a letter, then letters, digits or _, 15 at most",
    subnet: subnetPrefix(choice.subnet) ? null : "a /24 such as 10.77.141.0/24",
  };
  const ok = Object.values(problems).every((p) => p === null);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (ok) onCreate({ ...choice, subnet: `${subnetPrefix(choice.subnet)}.0/24` });
  };
  const field = (key: keyof NewLabChoice, label: string, onChange: (v: string) => void) => (
    <label className="flex flex-col gap-0.5 text-xs">
      {label}
      <input aria-label={label} value={choice[key]} onChange={(e) => onChange(e.target.value)} aria-invalid={problems[key] !== null} className={`${FIELD} ${problems[key] ? "border-red-500" : ""}`} />
      {problems[key] && <span role="alert" className="text-red-700 dark:text-red-300">{problems[key]}</span>}
    </label>
  );
  return (
    <form onSubmit={submit} aria-label="New lab" data-testid="new-lab-form" className="flex flex-col gap-2 rounded-lg border border-sky-400 p-3">
      <h3 className="font-semibold">New lab: one bridge, nothing else</h3>
      {field("id", "Lab id", (id) => setChoice((c) => ({ ...c, id, bridgeName: bridgeTouched ? c.bridgeName : `${id}_br` })))}
      {field("bridgeName", "Bridge name", (bridgeName) => (setBridgeTouched(true), setChoice((c) => ({ ...c, bridgeName }))))}
      {field("subnet", "Subnet (/24)", (subnet) => setChoice((c) => ({ ...c, subnet })))}
      <p className="text-xs text-slate-500">The bridge takes .1 (the host endpoint); endpoints get .2, .3, … Apply brings it up as a lab of its own and opens its page.</p>
      <div className="flex gap-2">
        <button type="submit" className={BUTTON} disabled={!ok}>
          Create
        </button>
        {onCancel && (
          <button type="button" className={QUIET_BUTTON} onClick={onCancel}>
            Cancel
          </button>
        )}
      </div>
    </form>
  );
}
