import type { PathFix } from "../contracts/path-explain";
import { LAB_EDIT_OPERATIONS, OFFLOAD_OPERATION } from "../contracts/lab-edits";

/** The operation a path fix's button calls (null: words only), so the page can say when it would be refused. */
export function pathFixOperation(fix: PathFix): string | null {
  switch (fix.kind) {
    case "offload": return OFFLOAD_OPERATION;
    case "flow-delete": return LAB_EDIT_OPERATIONS.flowDelete;
    case "port-tag": return LAB_EDIT_OPERATIONS.tag;
    case "mtu": return LAB_EDIT_OPERATIONS.mtu;
    case "link-up": return LAB_EDIT_OPERATIONS.link;
    case "manual": return null;
  }
}
