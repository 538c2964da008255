"use client";
import { useState } from "react";
import { FIELD } from "../panels/edit-styles";

export interface CommitFieldProps {
  label: string;
  value: string;
  /** Called on Enter or when the field loses focus, with the text as typed. */
  onCommit: (text: string) => void;
  errors?: readonly string[];
  placeholder?: string;
  disabled?: boolean;
  hint?: string;
  testId?: string;
}

/**
 * A text field that changes the draft when the user is done with it (Enter, or leaving it), not on every
 * key: a name changed letter by letter would rename the card under the cursor. Errors are shown under it.
 */
export function CommitField({ label, value, onCommit, errors = [], placeholder, disabled, hint, testId }: CommitFieldProps) {
  const [text, setText] = useState(value);
  const [shown, setShown] = useState(value);
  // The draft changed under the field (another edit, Discard): show what it holds now.
  if (shown !== value) {
    setShown(value);
    setText(value);
  }
  const commit = () => text !== value && onCommit(text);
  return (
    <label className="flex flex-col gap-0.5 text-xs">
      {label}
      <input
        value={text}
        placeholder={placeholder}
        disabled={disabled}
        aria-invalid={errors.length > 0}
        data-testid={testId}
        onChange={(e) => setText(e.target.value)}
        onBlur={commit}
        onKeyDown={(e) => e.key === "Enter" && commit()}
        className={`${FIELD} ${errors.length ? "border-red-500" : ""}`}
      />
      {hint && <span className="text-slate-500">{hint}</span>}
      {errors.map((e) => (
        <span key={e} role="alert" className="text-red-700 dark:text-red-300">
          {e}
        </span>
      ))}
    </label>
  );
}

/** "10, 20" → [10, 20]; blank → undefined; a non-number stays NaN, for the schema to name. */
export function numbersOf(text: string): number[] | undefined {
  const parts = text.split(/[\s,]+/).filter(Boolean);
  return parts.length ? parts.map(Number) : undefined;
}

export function numberOf(text: string): number | undefined {
  return text.trim() === "" ? undefined : Number(text.trim());
}
