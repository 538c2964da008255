import { EditRefused, removeBridge, removeEndpoint, removePatchLink } from "@/lib/lab-editor/edit-actions";
import { editorItemOf } from "@/lib/lab-editor/editor-flow";
import type { LabDraft } from "@/lib/lab-editor/lab-draft";

/**
 * What the Delete key removes: endpoints, bridges (not the first) and patch links. A port's edge goes with
 * its endpoint; alone it cannot go (an endpoint is always on a bridge: drag it to another instead).
 */
export function deleteItems(draft: LabDraft, ids: readonly string[]): LabDraft {
  const items = ids.map(editorItemOf).filter((i) => i !== null);
  const endpoints = new Set(items.flatMap((i) => (i.kind === "endpoint" ? [i.name] : [])));
  const bridges = new Set(items.flatMap((i) => (i.kind === "bridge" ? [i.name] : [])));
  let next = draft;
  for (const item of items) {
    if (item.kind === "endpoint") next = removeEndpoint(next, item.name);
    else if (item.kind === "bridge") next = removeBridge(next, item.name);
    else if (item.kind === "patch" && !item.between.some((b) => bridges.has(b))) next = removePatchLink(next, ...item.between);
    else if (item.kind === "port" && !endpoints.has(item.endpoint)) throw new EditRefused(`${item.endpoint} is always on a bridge: drag its handle to another bridge, or delete ${item.endpoint}`);
  }
  return next;
}
