"use client";
import { useCallback, useEffect, useMemo, useState } from "react";
import { ApiError } from "@/lib/api-client/api-client";
import type { Impairment, LinkImpairment } from "@/lib/contracts/impairment";
import type { LabSpec } from "@/lib/lab-spec/schema";
import { EditRefused } from "@/lib/lab-editor/edit-actions";
import { draftOf, newLabDraft, type LabDraft, type NewLabChoice } from "@/lib/lab-editor/lab-draft";
import { impairmentChanges, type ImpairmentEdits } from "@/lib/lab-editor/impairment-edits";
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
  const [runningImpairments, setRunningImpairments] = useState<LinkImpairment[]>([]);
  const [draft, setDraft] = useState<LabDraft | null>(null);
  const [impairments, setImpairments] = useState<ImpairmentEdits>({});
  const [loading, setLoading] = useState(true);
  const [notice, setNotice] = useState<string | null>(null);
  const [apply, setApply] = useState<ApplyPhase>({ phase: "idle" });
  const api = labApi(routeLabId);

  /** Reads the running lab's spec and impairments; every state is set in the answers' callbacks (it runs from an effect). */
  const load = useCallback(() => {
    const spec = api.labSpec().then(
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
    );
    const impaired = api.impairmentList().then((l) => l.links, () => [] as LinkImpairment[]);
    void Promise.all([spec, impaired]).then(([, links]) => {
      setRunningImpairments(links);
      setImpairments({});
      setLoading(false);
    });
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
  const impairmentOps = useMemo(() => (check?.ok ? impairmentChanges(runningImpairments, impairments, check.spec.endpoints.map((e) => e.name)) : []), [check, runningImpairments, impairments]);
  const diff = useMemo(() => (check?.ok ? diffSpecs(running, check.spec, impairmentOps.map((c) => c.endpoint)) : null), [check, running, impairmentOps]);

  const setImpairment = useCallback((endpoint: string, impairment: Impairment | null) => setImpairments((all) => ({ ...all, [endpoint]: impairment })), []);

  const startNewLab = useCallback((choice: NewLabChoice) => {
    setDraft(newLabDraft(choice));
    setImpairments({});
    setNotice(null);
  }, []);

  const discard = useCallback(() => {
    setDraft(running ? draftOf(running) : null);
    setImpairments({});
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
        { spec: check.spec, newLab, impairments: impairmentOps, retestPairs: diff.retestPairs },
        target,
        setApply,
        onRetest,
        // A whole new page load: the new lab's page starts clean (its own socket, its own editor state).
        // eslint-disable-next-line @next/next/no-location-assign-relative-destination
        (labId) => window.location.assign(`${labUrls.lab(labId)}?${RETEST_ALL_QUERY}=all`),
      );
      if (!newLab) {
        setRunning(check.spec);
        setRunningImpairments(await api.impairmentList().then((l) => l.links, () => runningImpairments));
        setImpairments({});
      }
    } catch (err) {
      setApply({ phase: "failed", message: messageOf(err) });
    }
  }, [api, check, diff, impairmentOps, onRetest, running, runningImpairments]);

  return { loading, running, runningImpairments, draft, impairments, check, diff, impairmentOps, notice, apply, setApply, edit, setImpairment, startNewLab, discard, runApply, reload: () => (setLoading(true), load()), api };
}

export type LabEditor = ReturnType<typeof useLabEditor>;
