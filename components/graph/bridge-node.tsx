"use client";
import { Handle, Position, type NodeProps } from "@xyflow/react";
import { BRIDGE_INTERNAL_HANDLE, type BridgeNode as BridgeNodeType, type BridgePortChip, type PatchChip } from "@/lib/topology/flow-types";
import { InterfaceChip } from "./interface-chip";

function PortChip({ chip }: { chip: BridgePortChip }) {
  const vertical = chip.side === "top" ? { top: 4 } : { bottom: 4 };
  return (
    <div className="absolute -translate-x-1/2 whitespace-nowrap" style={{ left: chip.offset, ...vertical }}>
      {chip.group ? (
        <span className="rounded-md border border-slate-300 bg-white px-1 py-0.5 font-mono text-xs dark:border-slate-600 dark:bg-slate-800" title={`the bridge ports of ${chip.group.label}`}>
          {chip.group.ports} ports
        </span>
      ) : chip.iface ? (
        <InterfaceChip iface={chip.iface} />
      ) : (
        <span className="rounded border border-dashed border-red-400 px-1 font-mono text-xs text-red-700 dark:text-red-300" title={chip.error ?? undefined}>
          {chip.portName} · no device
        </span>
      )}
      {chip.vlan && <VlanBadge label={chip.vlan} />}
      <Handle type="target" id={chip.handleId} position={chip.side === "top" ? Position.Top : Position.Bottom} isConnectable={false} />
    </div>
  );
}

/** Room kept left of the bridge's name for its patch chips. */
const PATCH_COLUMN = 150;

function VlanBadge({ label }: { label: string }) {
  return <span className="ml-1 rounded bg-violet-200 px-1 text-xs font-semibold text-violet-950 dark:bg-violet-800 dark:text-violet-50">{label}</span>;
}

/** Patch ports at the card's left edge, one under the other; the patch wire runs between two bridges' chips there. */
function PatchChips({ patches }: { patches: PatchChip[] }) {
  return (
    <div className="absolute left-1 top-1/2 flex -translate-y-1/2 flex-col gap-1">
      {patches.map((p) => (
        <div key={p.handleId} data-testid={`patch-chip-${p.portName}`} className="relative whitespace-nowrap" title={`patch port, peer ${p.peer}`}>
          <span className="rounded-md border border-teal-500 bg-white px-1 py-0.5 font-mono text-xs dark:bg-slate-800">{p.portName} · patch</span>
          {p.vlan && <VlanBadge label={p.vlan} />}
          <Handle type={p.role} id={p.handleId} position={Position.Left} style={{ left: -4 }} isConnectable={false} />
        </div>
      ))}
    </div>
  );
}

/** The OVS bridge, with one chip per port so every veth ends on a visible, badged interface. */
export function BridgeNode({ data, width, height }: NodeProps<BridgeNodeType>) {
  const dpdkPorts = data.dpdkPorts;
  return (
    <div data-testid={`node-${data.name}`} style={{ width, height }} className="relative rounded-lg border-2 border-indigo-500 bg-indigo-50 dark:bg-indigo-950">
      {data.chips.map((c) => (
        <PortChip key={c.handleId} chip={c} />
      ))}
      {data.patches && <PatchChips patches={data.patches} />}
      <div className="pointer-events-none absolute inset-x-0 top-1/2 -translate-y-1/2 text-center" style={data.patches ? { left: PATCH_COLUMN } : undefined}>
        <span className="text-base font-bold">{data.label ?? data.name}</span>
        <span className="ml-2 text-xs text-slate-600 dark:text-slate-300">OVS bridge · {data.datapath || "?"} datapath</span>
        {data.otherPorts.length > 0 && <div className="truncate px-2 text-xs text-slate-600 dark:text-slate-300">other ports: {data.otherPorts.join(", ")}</div>}
      </div>
      {data.internalOffset !== null && (
        <Handle type="target" id={BRIDGE_INTERNAL_HANDLE} position={Position.Top} style={{ left: data.internalOffset }} isConnectable={false} />
      )}
      {data.tunnels?.map((t) => (
        // A tunnel leaves a host's bridge on its right and arrives at the next host's on its left.
        <Handle key={t.handleId} type={t.role} id={t.handleId} position={t.role === "source" ? Position.Right : Position.Left} isConnectable={false} />
      ))}
      {dpdkPorts.map((p, i) => (
        <Handle key={p} type="target" id={`dpdk:${p}`} position={Position.Right} style={{ top: `${50 + i * 8}%` }} isConnectable={false} />
      ))}
    </div>
  );
}
