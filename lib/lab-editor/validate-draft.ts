import { labSpecSchema, type LabSpec } from "../lab-spec/schema";
import { draftBridges, type LabDraft } from "./lab-draft";

/** What an error is about: a card on the graph (bridge, endpoint), a link, or the lab as a whole. */
export type DraftTarget =
  | { kind: "bridge"; name: string }
  | { kind: "endpoint"; name: string }
  | { kind: "link"; index: number; between: readonly string[] }
  | { kind: "lab" };

export interface DraftError {
  target: DraftTarget;
  /** The field the message is about (`address`, `vlan`, `flows`, …), null for the whole thing. */
  field: string | null;
  message: string;
}

export type DraftCheck = { ok: true; spec: LabSpec; errors: [] } | { ok: false; spec: null; errors: DraftError[] };

/** The schema's error path, e.g. ["endpoints", 2, "vlan"], as the node and field it names. */
export function errorTarget(draft: LabDraft, path: readonly PropertyKey[]): Omit<DraftError, "message"> {
  const [head, index, field] = path.map((p) => (typeof p === "symbol" ? String(p) : p));
  const fieldAt = (from: number) => (path.length > from ? String(path[from]) : null);
  if (head === "bridge") return { target: { kind: "bridge", name: draft.bridge.name }, field: fieldAt(1) };
  if (head === "otherBridges" && typeof index === "number") {
    const bridge = draft.otherBridges?.[index];
    if (bridge) return { target: { kind: "bridge", name: bridge.name }, field: fieldAt(2) };
  }
  if (head === "endpoints" && typeof index === "number") {
    const endpoint = draft.endpoints[index];
    if (endpoint) return { target: { kind: "endpoint", name: endpoint.name }, field: field === undefined ? null : String(field) };
  }
  if (head === "links" && typeof index === "number") {
    const link = draft.links?.[index];
    if (link) return { target: { kind: "link", index, between: link.between }, field: fieldAt(2) };
  }
  return { target: { kind: "lab" }, field: head === undefined ? null : String(head) };
}

/** The draft checked by the same schema the server uses; each problem mapped to what it is about. */
export function validateDraft(draft: LabDraft): DraftCheck {
  const parsed = labSpecSchema.safeParse(draft);
  if (parsed.success) return { ok: true, spec: parsed.data, errors: [] };
  const errors = parsed.error.issues.map((issue) => ({ ...errorTarget(draft, issue.path), message: issue.message }));
  return { ok: false, spec: null, errors };
}

/** A target's identity, for maps from a card or link to its errors. */
export function targetKey(target: DraftTarget): string {
  switch (target.kind) {
    case "bridge":
      return `bridge:${target.name}`;
    case "endpoint":
      return `endpoint:${target.name}`;
    case "link":
      return `link:${[...target.between].sort().join("~")}`;
    case "lab":
      return "lab";
  }
}

/** Errors grouped by target key, then by field ("" for the whole). */
export function errorsByTarget(errors: readonly DraftError[]): Map<string, Map<string, string[]>> {
  const out = new Map<string, Map<string, string[]>>();
  for (const e of errors) {
    const key = targetKey(e.target);
    const fields = out.get(key) ?? new Map<string, string[]>();
    const list = fields.get(e.field ?? "") ?? [];
    list.push(e.message);
    fields.set(e.field ?? "", list);
    out.set(key, fields);
  }
  return out;
}

/** Bridge names, for messages and pickers. */
export const bridgeNames = (draft: LabDraft) => draftBridges(draft).map((b) => b.name);
