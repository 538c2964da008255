/**
 * `ovs-appctl ofproto/trace` output (OVS 3.1) as data: the bridges the packet crossed in order
 * (patch ports lead into the next bridge's section), the rules each table matched with their
 * actions and what NORMAL said, and the datapath actions the switch would run at the end.
 */

export interface TraceRule {
  table: number;
  priority: number;
  /** As dump-flows writes it, e.g. `tcp,nw_src=10.0.0.8`; "" matches everything. */
  match: string;
  cookie: string;
  /** The rule's actions, one per line of the trace (`drop`, `NORMAL`, `output:4`, `mod_vlan_vid:30`). */
  actions: string[];
  /** What the switch said while running them (`-> forwarding to learned port`). */
  notes: string[];
}

export interface TraceBridge {
  bridge: string;
  rules: TraceRule[];
}

export interface VlanDrop {
  vlan: number;
  port: string;
  /** The switch's own words between `>>>>` and `<<<<`. */
  text: string;
}

export interface OfprotoTrace {
  flow: string;
  /** null: the packet left as it came in ("Final flow: unchanged"). */
  finalFlow: string | null;
  bridges: TraceBridge[];
  datapathActions: string;
  /** Datapath port numbers the packet is sent to (see dpif/show for their names). */
  outputs: number[];
  /** VLAN ids pushed in the datapath actions (`push_vlan(vid=10,…)`). */
  pushedVlans: number[];
  vlanDrop: VlanDrop | null;
  /** The rule whose actions are exactly `drop`, when one is why nothing is sent. */
  dropRule: (TraceRule & { bridge: string }) | null;
  dropped: boolean;
}

const RULE = /^\s{0,3}(\d+)\. (.*)$/;
const BRIDGE = /^bridge\("([^"]+)"\)$/;

/** `tcp,nw_src=…, priority 100, cookie 0x77` -> match, priority, cookie. */
function ruleHead(table: number, text: string): TraceRule {
  const parts = text.split(", ");
  let priority = 32768;
  let cookie = "0x0";
  const match: string[] = [];
  for (const part of parts) {
    if (part.startsWith("priority ")) priority = Number(part.slice(9));
    else if (part.startsWith("cookie ")) cookie = part.slice(7);
    else match.push(part);
  }
  return { table, priority, match: match.join(","), cookie, actions: [], notes: [] };
}

/** Splits on commas outside parentheses: `push_vlan(vid=10,pcp=0),1,4`. */
export function splitActions(text: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let current = "";
  for (const ch of text) {
    if (ch === "(") depth++;
    if (ch === ")") depth--;
    if (ch === "," && depth === 0) {
      out.push(current);
      current = "";
    } else current += ch;
  }
  if (current) out.push(current);
  return out.map((s) => s.trim()).filter(Boolean);
}

function vlanDropOf(note: string): VlanDrop | null {
  const m = /^>>>> (dropping VLAN (\d+).*? on port (\S+) .*?) <<<<$/.exec(note);
  return m ? { text: m[1], vlan: Number(m[2]), port: m[3] } : null;
}

function parseSections(lines: string[]): TraceBridge[] {
  const bridges: TraceBridge[] = [];
  for (const raw of lines) {
    const line = raw.trimEnd();
    const b = BRIDGE.exec(line);
    if (b) {
      bridges.push({ bridge: b[1], rules: [] });
      continue;
    }
    const bridge = bridges.at(-1);
    if (!bridge || line === "" || /^-+$/.test(line)) continue;
    const r = RULE.exec(line);
    if (r && !line.startsWith("    ")) {
      bridge.rules.push(ruleHead(Number(r[1]), r[2]));
      continue;
    }
    const rule = bridge.rules.at(-1);
    if (!rule) continue;
    const text = line.trim();
    if (text.startsWith("->") || text.startsWith(">>")) rule.notes.push(text);
    else rule.actions.push(text);
  }
  return bridges;
}

export function parseOfprotoTrace(text: string): OfprotoTrace {
  const lines = text.split("\n");
  const field = (name: string) => lines.find((l) => l.startsWith(`${name}: `))?.slice(name.length + 2).trim() ?? null;
  const flow = field("Flow");
  const datapathActions = field("Datapath actions");
  if (flow === null || datapathActions === null) throw new Error(`not ofproto/trace output: ${text.slice(0, 200)}`);
  const end = lines.findIndex((l) => l.startsWith("Final flow: "));
  const bridges = parseSections(lines.slice(1, end < 0 ? undefined : end));
  const final = field("Final flow");
  const actions = splitActions(datapathActions);
  const rules = bridges.flatMap((b) => b.rules.map((r) => ({ ...r, bridge: b.bridge })));
  const vlanDrop = rules.flatMap((r) => r.notes.map(vlanDropOf)).find((d) => d !== null) ?? null;
  const dropped = actions.length === 0 || (actions.length === 1 && actions[0] === "drop");
  return {
    flow,
    finalFlow: final === null || final === "unchanged" ? null : final,
    bridges,
    datapathActions,
    outputs: actions.filter((a) => /^\d+$/.test(a)).map(Number),
    pushedVlans: actions.flatMap((a) => /^push_vlan\(vid=(\d+)/.exec(a)?.[1] ?? []).map(Number),
    vlanDrop,
    dropRule: rules.find((r) => r.actions.length === 1 && r.actions[0] === "drop") ?? null,
    dropped,
  };
}
