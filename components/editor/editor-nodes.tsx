"use client";
import { Handle, Position, type NodeProps } from "@xyflow/react";
import type { EditorBridgeNode, EditorEndpointNode } from "@/lib/lab-editor/editor-flow";

const HANDLE = "!h-3 !w-3 !border-2 !border-white !bg-sky-600";

function Errors({ errors }: { errors: string[] }) {
  if (!errors.length) return null;
  return (
    <ul className="mt-1 list-none text-left text-xs text-red-700 dark:text-red-300" data-testid="node-errors">
      {errors.map((e) => (
        <li key={e}>⚠ {e}</li>
      ))}
    </ul>
  );
}

/** A bridge in the editor: its endpoints' ports end at the bottom; patch links leave right, arrive left. */
export function EditBridgeNode({ data, selected }: NodeProps<EditorBridgeNode>) {
  const border = data.errors.length ? "border-red-500" : selected ? "border-sky-500" : "border-indigo-500";
  return (
    <div data-testid={`edit-node-${data.name}`} className={`w-60 rounded-lg border-2 ${border} bg-indigo-50 px-3 py-2 text-center dark:bg-indigo-950`}>
      <Handle type="target" id="patch-in" position={Position.Left} className={HANDLE} data-testid={`handle-patch-in-${data.name}`} title="patch link from another bridge" />
      <div className="font-bold">{data.name}</div>
      <div className="text-xs text-slate-600 dark:text-slate-300">
        {data.kind === "linux" ? "Linux bridge" : "OVS bridge"}
        {data.address ? ` · host ${data.address}` : ""}
        {data.flows ? ` · ${data.flows} rule${data.flows > 1 ? "s" : ""}` : ""}
      </div>
      <Errors errors={data.errors} />
      <Handle type="target" id="ports" position={Position.Bottom} className={HANDLE} data-testid={`handle-ports-${data.name}`} title="drop an endpoint's link here" />
      <Handle type="source" id="patch-out" position={Position.Right} className={HANDLE} data-testid={`handle-patch-out-${data.name}`} title="drag to another bridge for a patch link" />
    </div>
  );
}

/** An endpoint in the editor: drag from its top handle to a bridge to put its port there. */
export function EditEndpointNode({ data, selected }: NodeProps<EditorEndpointNode>) {
  const border = data.errors.length ? "border-red-500" : selected ? "border-sky-500" : "border-slate-400";
  const port = [data.vlan !== null && `VLAN ${data.vlan}`, data.trunks && `trunks ${data.trunks.join(",")}`, data.mtu !== null && `MTU ${data.mtu}`, data.dpdk && "DPDK"].filter(Boolean);
  return (
    <div data-testid={`edit-node-${data.name}`} className={`w-36 rounded-lg border-2 ${border} bg-white px-2 py-1.5 text-center dark:bg-slate-800`}>
      <Handle type="source" id="port" position={Position.Top} className={HANDLE} data-testid={`handle-port-${data.name}`} title="drag to a bridge" />
      <div className="font-semibold">{data.name}</div>
      <div className="text-xs text-slate-600 dark:text-slate-300">{data.kind === "container" ? "container" : "namespace"}</div>
      <div className="font-mono text-xs">{data.address}</div>
      {port.length > 0 && <div className="text-xs text-indigo-700 dark:text-indigo-300">{port.join(" · ")}</div>}
      <Errors errors={data.errors} />
    </div>
  );
}
