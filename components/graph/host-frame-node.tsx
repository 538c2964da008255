"use client";
import type { NodeProps } from "@xyflow/react";
import type { HostFrameNode as HostFrameNodeType } from "@/lib/topology/flow-types";

/** The host machine as a frame around its bridge, ports and containers (one per host of a multi-host lab). */
export function HostFrameNode({ id, data, width, height }: NodeProps<HostFrameNodeType>) {
  return (
    <div data-testid={data.chassis ? `node-${id}` : "node-host-frame"} style={{ width, height }} className="rounded-xl border-2 border-dashed border-slate-400 bg-slate-100/60 dark:border-slate-500 dark:bg-slate-800/40">
      <div className="px-4 pt-2 text-sm font-semibold text-slate-600 dark:text-slate-300">
        {data.label} <span className="font-normal">· Linux, OVS {data.datapath === "netdev" ? "userspace (netdev)" : data.datapath} datapath</span>
        {data.chassis && (
          <span className="font-normal">
            {" "}· chassis <span className="font-mono">{data.chassis}</span> · underlay <span className="font-mono">{data.underlay}</span>
          </span>
        )}
      </div>
      {data.daemonsDown && data.daemonsDown.length > 0 && (
        <p role="status" data-testid={`host-daemons-down-${data.label.replace(/^host /, "")}`} className="px-4 text-sm font-semibold text-red-700 dark:text-red-400">
          ✗ not running: {data.daemonsDown.join(", ")}: bring the lab up again to restart
        </p>
      )}
    </div>
  );
}
