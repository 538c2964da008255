"use client";
import { Handle, Position, type NodeProps } from "@xyflow/react";
import type { EndpointNode as EndpointNodeType } from "@/lib/topology/flow-types";
import { InterfaceChip } from "./interface-chip";
import { TerminalButton } from "./terminal-button";

const POSITION = { top: Position.Top, bottom: Position.Bottom, left: Position.Left, right: Position.Right } as const;
const STATE_STYLE = {
  running: "bg-emerald-100 text-emerald-900 dark:bg-emerald-900 dark:text-emerald-100",
  stopped: "bg-slate-200 text-slate-700 dark:bg-slate-700 dark:text-slate-200",
  missing: "bg-red-100 text-red-900 dark:bg-red-900 dark:text-red-100",
} as const;

/** A container, a namespace or the host's own port on the bridge. */
export function EndpointNode({ data, width, height }: NodeProps<EndpointNodeType>) {
  const { endpoint, interfaces, handleSide } = data;
  const dim = endpoint.state !== "running";
  const handleType = handleSide === "left" ? "target" : "source";
  const linked = interfaces.find((i) => i.peerId) ?? interfaces[0];
  return (
    <div
      data-testid={`node-${endpoint.name}`}
      data-state={endpoint.state}
      style={{ width, height }}
      className={`flex flex-col gap-1 overflow-hidden rounded-lg border-2 bg-white p-2 shadow-sm dark:bg-slate-900 ${
        dim ? "border-dashed border-slate-400 opacity-50 grayscale" : endpoint.kind === "host" ? "border-violet-500" : "border-sky-500"
      }`}
    >
      <div className="flex items-baseline justify-between gap-1">
        <span className="truncate text-base font-bold">{endpoint.name}</span>
        <span className="ml-auto text-xs text-slate-500 dark:text-slate-400">{endpoint.kind === "netns" ? "namespace" : endpoint.kind}</span>
        {endpoint.state === "running" && <TerminalButton target={{ kind: "endpoint", endpoint: endpoint.name }} label={`Open a terminal in ${endpoint.name}`} testId={`terminal-open-${endpoint.name}`} />}
      </div>
      <div className="font-mono text-sm">{endpoint.ipv4 ?? "no address"}</div>
      <div className="flex flex-wrap items-center gap-1">
        <span className={`rounded px-1.5 text-xs font-medium ${STATE_STYLE[endpoint.state]}`}>{endpoint.state}</span>
        {interfaces.map((i) => (
          <InterfaceChip key={i.id} iface={i} />
        ))}
        {interfaces.length === 0 && <span className="text-xs italic text-slate-500">no interfaces</span>}
      </div>
      {linked && <Handle type={handleType} position={POSITION[handleSide]} id={linked.id} isConnectable={false} />}
    </div>
  );
}
