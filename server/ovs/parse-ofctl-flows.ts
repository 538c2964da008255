import { createHash } from "node:crypto";
import type { FlowRule } from "../../lib/contracts/lab-edits";

/** Fields of a dump-flows line that describe the rule's life, not what it matches. */
const META = new Set(["cookie", "duration", "table", "n_packets", "n_bytes", "idle_timeout", "hard_timeout", "idle_age", "hard_age", "importance", "reset_counts", "send_flow_rem", "check_overlap", "no_packet_counts", "no_byte_counts"]);

/** What OpenFlow keys a rule on (table, priority, match): its id, stable while the rule exists. */
export function flowId(table: number, priority: number, match: string): string {
  return createHash("sha256").update(`${table}|${priority}|${match}`).digest("hex").slice(0, 12);
}

/** One line of `ovs-ofctl dump-flows` (with its statistics), or null for the reply header. */
function parseLine(line: string): FlowRule | null {
  const at = /(?:, | )actions=/.exec(line);
  if (!at) return null;
  const head = line.slice(0, at.index).trim();
  const actions = line.slice(at.index + at[0].length).trim();
  const meta: Record<string, string> = {};
  const matchParts: string[] = [];
  for (const token of head.split(", ")) {
    const key = token.split("=")[0];
    if (META.has(key)) meta[key] = token.slice(key.length + 1);
    else matchParts.push(token);
  }
  let priority = 32768;
  const fields = matchParts.join(",").split(",").filter((f) => {
    if (!f.startsWith("priority=")) return f !== "";
    priority = Number(f.slice("priority=".length));
    return false;
  });
  const table = Number(meta.table ?? 0);
  const match = fields.join(",");
  return {
    id: flowId(table, priority, match),
    table,
    priority,
    match,
    actions,
    cookie: meta.cookie ?? "0x0",
    packets: Number(meta.n_packets ?? 0),
    bytes: Number(meta.n_bytes ?? 0),
    protected: table === 0 && priority === 0 && match === "" && actions === "NORMAL",
  };
}

export function parseOfctlFlows(text: string): FlowRule[] {
  return text.split("\n").flatMap((line) => parseLine(line) ?? []);
}

/** The rule in the form `ovs-ofctl --strict del-flows` takes: table, priority and the exact match. */
export function strictFlowSpec(flow: Pick<FlowRule, "table" | "priority" | "match">): string {
  return [`table=${flow.table}`, `priority=${flow.priority}`, ...(flow.match ? [flow.match] : [])].join(",");
}
