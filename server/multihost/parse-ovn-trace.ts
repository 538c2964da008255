/**
 * `ovn-trace` (OVN 23.03, --detailed, the default) as data: each logical pipeline the packet went
 * through (a switch's ingress, then its egress) with the stages it matched, and where it ended.
 */

export interface LogicalStage {
  table: number;
  /** northd's stage name, e.g. `ls_in_l2_lkup`. */
  stage: string;
  match: string;
  priority: number;
  actions: string[];
}

export interface LogicalPipeline {
  direction: "ingress" | "egress";
  datapath: string;
  inport: string | null;
  outport: string | null;
  stages: LogicalStage[];
}

export interface OvnTrace {
  /** The microflow as ovn-trace understood it (its first line, without `# `). */
  flow: string;
  pipelines: LogicalPipeline[];
  /** The logical port it was output to at the end, or null when it was dropped or went nowhere. */
  outputTo: string | null;
}

const PIPELINE = /^(ingress|egress)\((.*)\)$/;
const STAGE = /^\s*(\d+)\. (\S+) \([^)]*\): (.*), priority (\d+), uuid \S+$/;
const ATTR = /(\w+)="([^"]*)"/g;
const OUTPUT = /\/\* output to "([^"]+)"/;

export function parseOvnTrace(text: string): OvnTrace {
  const lines = text.split("\n");
  const flow = (lines.find((l) => l.startsWith("# ")) ?? "").slice(2);
  const pipelines: LogicalPipeline[] = [];
  let outputTo: string | null = null;
  for (const line of lines) {
    const head = PIPELINE.exec(line.trim());
    if (head) {
      const attrs = Object.fromEntries([...head[2].matchAll(ATTR)].map((m) => [m[1], m[2]]));
      pipelines.push({ direction: head[1] as LogicalPipeline["direction"], datapath: attrs.dp ?? "", inport: attrs.inport ?? null, outport: attrs.outport ?? null, stages: [] });
      continue;
    }
    const current = pipelines.at(-1);
    const stage = STAGE.exec(line);
    if (stage && current) {
      current.stages.push({ table: Number(stage[1]), stage: stage[2], match: stage[3], priority: Number(stage[4]), actions: [] });
      continue;
    }
    const out = OUTPUT.exec(line);
    if (out) outputTo = out[1];
    const action = line.trim();
    const last = current?.stages.at(-1);
    if (last && action && !/^-+$/.test(action) && !action.startsWith("/*")) last.actions.push(action);
  }
  return { flow, pipelines, outputTo };
}

/** What the sender's Geneve header carries, read from ofproto/trace's datapath actions (tnl_push). */
export interface GeneveHeader {
  vni: string;
  /** OVN's option (class 0x102, type 0x80): ingress and egress logical port keys, as tun_metadata0. */
  metadata: string;
  src: string;
  dst: string;
}

const TNL = /ipv4\(src=([\d.]+),dst=([\d.]+),proto=17[^)]*\),udp\([^)]*dst=6081[^)]*\),geneve\([^)]*vni=(0x[0-9a-f]+),options\(\{class=0x102,type=0x80,len=4,(0x[0-9a-f]+)\}\)/;

export function geneveHeaderOf(datapathActions: string): GeneveHeader | null {
  const m = TNL.exec(datapathActions);
  return m ? { src: m[1], dst: m[2], vni: m[3], metadata: m[4] } : null;
}
