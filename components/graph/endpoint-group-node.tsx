"use client";
import { Handle, Position, type NodeProps } from "@xyflow/react";
import { GROUP_HANDLE, type EndpointGroupData, type EndpointGroupNode as EndpointGroupNodeType } from "@/lib/topology/flow-types";
import { GROUP_COLUMNS, GROUP_HEADER, GROUP_PADDING, MEMBER_GAP } from "@/lib/topology/group-endpoints";
import { InterfaceChip } from "./interface-chip";
import { useGroupToggle } from "./group-toggle";

type Member = EndpointGroupData["members"][number];
const ownInterface = (m: Member) => m.interfaces.find((i) => i.peerId) ?? m.interfaces[0];
const testId = (groupId: string) => `group-${groupId.replace(/^group:/, "")}`;

/** Many endpoints as one card: who is in it, whether they run, their TX offload at a glance; opens into a card per member. */
export function EndpointGroupNode({ data, width, height }: NodeProps<EndpointGroupNodeType>) {
  const { group, members, expanded, handleSide } = data;
  const { toggle } = useGroupToggle();
  const running = members.filter((m) => m.endpoint.state === "running").length;
  return (
    <div
      data-testid={testId(group.id)}
      data-expanded={expanded}
      style={{ width, height }}
      className={`relative flex flex-col gap-1 overflow-hidden rounded-lg border-2 bg-white p-2 shadow-sm dark:bg-slate-900 ${running === members.length ? "border-sky-500" : "border-dashed border-amber-500"}`}
    >
      <div className="flex items-center justify-between gap-1" style={{ minHeight: GROUP_HEADER - GROUP_PADDING }}>
        <span className="truncate text-base font-bold">{group.label}</span>
        <button
          type="button"
          aria-expanded={expanded}
          aria-label={`${expanded ? "Close" : "Open"} the group ${group.label}`}
          onClick={() => toggle(group.id)}
          className="nodrag rounded border border-slate-300 px-1.5 text-xs font-semibold hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-sky-500 dark:border-slate-600 dark:hover:bg-slate-800"
        >
          {expanded ? "close" : `open ${members.length}`}
        </button>
      </div>
      {expanded ? <MemberGrid members={members} /> : <GroupSummary members={members} running={running} />}
      <Handle type="source" id={GROUP_HANDLE} position={handleSide === "top" ? Position.Top : Position.Bottom} isConnectable={false} />
    </div>
  );
}

function GroupSummary({ members, running }: { members: Member[]; running: number }) {
  const txOn = members.filter((m) => ownInterface(m)?.offload.tx?.on).length;
  const first = members[0]?.endpoint.ipv4;
  const last = members.at(-1)?.endpoint.ipv4;
  return (
    <>
      <div className="truncate font-mono text-xs">{first && last && first !== last ? `${first} – .${last.split(".").at(-1)}` : (first ?? "no address")}</div>
      <div className="text-xs">
        {members.length} {members.every((m) => m.endpoint.kind === "container") ? "containers" : "endpoints"} · {running} running
      </div>
      <div className="flex items-center gap-1 text-xs" data-testid="group-tx">
        <span className="flex gap-0.5" aria-hidden="true">
          {members.map((m) => {
            const tx = ownInterface(m)?.offload.tx;
            const color = m.endpoint.state !== "running" ? "bg-slate-400" : tx?.on ? "bg-amber-400" : tx ? "bg-emerald-500" : "bg-slate-300";
            return <span key={m.endpoint.name} title={`${m.endpoint.name}: ${m.endpoint.state}, TX ${tx ? (tx.on ? "on" : "off") : "unknown"}`} className={`inline-block h-3 w-2 rounded-sm ${color}`} />;
          })}
        </span>
        <span>TX on {txOn}/{members.length}</span>
      </div>
    </>
  );
}

/** An open group: a small card per member, with its interface and TX badge as a full card has them. */
function MemberGrid({ members }: { members: Member[] }) {
  return (
    <div className="grid" style={{ gridTemplateColumns: `repeat(${Math.min(GROUP_COLUMNS, members.length)}, minmax(0, 1fr))`, gap: MEMBER_GAP }}>
      {members.map((m) => {
        const own = ownInterface(m);
        const dim = m.endpoint.state !== "running";
        return (
          <div
            key={m.endpoint.name}
            data-testid={`node-${m.endpoint.name}`}
            data-state={m.endpoint.state}
            className={`flex flex-col gap-0.5 overflow-hidden rounded-md border px-1.5 py-1 ${dim ? "border-dashed border-slate-400 opacity-50" : "border-sky-400"}`}
          >
            <div className="flex items-baseline justify-between gap-1">
              <span className="truncate text-sm font-bold">{m.endpoint.name}</span>
              <span className="truncate font-mono text-xs">{m.endpoint.ipv4 ?? m.endpoint.state}</span>
            </div>
            {own ? <InterfaceChip iface={own} /> : <span className="text-xs italic text-slate-500">no interfaces</span>}
          </div>
        );
      })}
    </div>
  );
}
