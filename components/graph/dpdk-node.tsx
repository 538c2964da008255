"use client";
import { Handle, Position, type NodeProps } from "@xyflow/react";
import { DPDK_PORT_HANDLE, type DpdkNode as DpdkNodeType } from "@/lib/topology/flow-types";
import { InterfaceChip } from "./interface-chip";

/** A DPDK port on the bridge and the wire its poll-mode driver sits on, out to the server. */
export function DpdkNode({ data, width, height }: NodeProps<DpdkNodeType>) {
  const { port, wire } = data;
  const up = port.linkState === "up";
  return (
    <div data-testid={`node-${port.name}`} style={{ width, height }} className="flex flex-col gap-1 overflow-hidden rounded-lg border-2 border-orange-500 bg-orange-50 p-2 dark:bg-orange-950">
      <div className="flex items-baseline justify-between gap-1">
        <span className="truncate text-base font-bold">{port.name}</span>
        <span className="text-xs text-slate-600 dark:text-slate-300">DPDK port</span>
      </div>
      <div className="truncate text-xs">driver {port.dpdk?.driver ?? "unknown"}</div>
      <div className="flex items-center gap-1 text-xs">
        <span className={`rounded px-1.5 font-medium ${up ? "bg-emerald-100 text-emerald-900 dark:bg-emerald-900 dark:text-emerald-100" : "bg-red-100 text-red-900 dark:bg-red-900 dark:text-red-100"}`}>
          link {port.linkState ?? "unknown"}
        </span>
        {port.error && <span className="truncate text-red-700 dark:text-red-300" title={port.error}>{port.error}</span>}
      </div>
      {wire && (
        <div className="flex items-center gap-1 text-xs">
          <span className="text-slate-600 dark:text-slate-300">wire</span>
          <InterfaceChip iface={wire} />
          <Handle type="source" id={wire.id} position={Position.Right} isConnectable={false} />
        </div>
      )}
      <Handle type="source" id={DPDK_PORT_HANDLE} position={Position.Left} style={{ top: "50%" }} isConnectable={false} />
    </div>
  );
}
