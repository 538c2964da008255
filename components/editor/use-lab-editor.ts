"use client";
import { useCallback, useEffect, useMemo, useState } from "react";
import { ApiError } from "@/lib/api-client/api-client";
import type { LabSpec } from "@/lib/lab-spec/schema";
import { EditRefused } from "@/lib/lab-editor/edit-actions";
import { draftOf, newLabDraft, type LabDraft, type NewLabChoice } from "@/lib/lab-editor/lab-draft";
import { diffSpecs } from "@/lib/lab-editor/spec-diff";
import { validateDraft } from "@/lib/lab-editor/validate-draft";
import { labApi, labUrls } from "../labs/lab-client";
import { applyPlan, type ApplyPhase } from "./apply-edit";
import { RETEST_ALL_QUERY } from "./use-retest-on-arrival";

export interface LabEditorOptions {
  /** The page's lab (`/labs/<id>`), or undefined for the default lab. */
  routeLabId?: string;
  /** Tests these pairs again on this page's matrix. */
  onRetest: (pairs: [string, string][]) => void;
}

const messageOf = (err: unknown) => (err instanceof Error ? err.message : String(err));

/** The editor's state: the running lab's spec, the draft, its check and its difference, and Apply. */
export function useLabEditor({ routeLabId, onRetest }: LabEditorOptions) {
  const [running, setRunning] = useState<LabSpec | null>(null);
  const [draft, setDraft] = useState<LabDraft | null>(null);
  const [loading, setLoading] = useState(true);
  const [notice, setNotice] = useState<string | null>(null);
  const [apply, setApply] = useState<ApplyPhase>({ phase: "idle" });
  const api = labApi(routeLabId);

  /** Reads the running lab's spec; every state is set in the answers' callbacks (it runs from an effect). */
  const load = useCallback(() => {
    api.labSpec().then(
      (answer) => {
        setRunning(answer.spec);
        setDraft(draftOf(answer.spec));
      },
      (err: unknown) => {
        // No lab runs here: the editor starts from "New lab".
        setRunning(null);
        setDraft(null);
        if (!(err instanceof ApiError && err.status === 404)) setNotice(`could not read the lab: ${messageOf(err)}`);
      },
    ).finally(() => setLoading(false));
  }, [api]);
  useEffect(() => load(), [load]);

  /** Makes an edit; one the model refuses is said in the notice, and the draft stays. */
  const edit = useCallback(
    (change: (d: LabDraft) => LabDraft) => {
      if (!draft) return;
      try {
        setDraft(change(draft));
        setNotice(null);
      } catch (err) {
        if (!(err instanceof EditRefused)) throw err;
        setNotice(err.message);
      }
    },
    [draft],
  );

  const check = useMemo(() => (draft ? validateDraft(draft) : null), [draft]);
  const diff = useMemo(() => (check?.ok ? diffSpecs(running, check.spec) : null), [check, running]);

  const startNewLab = useCallback((choice: NewLabChoice) => {
    setDraft(newLabDraft(choice));
    setNotice(null);
  }, []);

  const discard = useCallback(() => {
    setDraft(running ? draftOf(running) : null);
    setNotice(null);
    setApply({ phase: "idle" });
  }, [running]);

  const runApply = useCallback(async () => {
    if (!check?.ok || !diff) return;
    const newLab = running === null || check.spec.id !== running.id;
    // A new lab is brought up on its own route (the server opens it); this page's lab stays as it is.
    const target = newLab ? labApi(check.spec.id) : api;
    try {
      await applyPlan(
        { spec: check.spec, newLab, retestPairs: diff.retestPairs },
        target,
        setApply,
        onRetest,
        // A whole new page load: the new lab's page starts clean (its own socket, its own editor state).
        // eslint-disable-next-line @next/next/no-location-assign-relative-destination
        (labId) => window.location.assign(`${labUrls.lab(labId)}?${RETEST_ALL_QUERY}=all`),
      );
      if (!newLab) setRunning(check.spec);
    } catch (err) {
      setApply({ phase: "failed", message: messageOf(err) });
    }
  }, [api, check, diff, onRetest, running]);

  return { loading, running, draft, check, diff, notice, apply, setApply, edit, startNewLab, discard, runApply, reload: () => (setLoading(true), load()), api };
}

export type LabEditor = ReturnType<typeof useLabEditor>;
