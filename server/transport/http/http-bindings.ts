import type { ServerResponse } from "node:http";
import type { RouteName } from "../../../lib/contracts/api-routes";
import { MAX_SNAPSHOT_BYTES } from "../../../lib/snapshots/snapshot-format";
import type { AnyOperation } from "../../operations/operation";
import * as lab from "../../operations/lab-operations";
import * as edit from "../../operations/lab-edit-operations";
import * as impair from "../../operations/impairment-operations";
import * as capture from "../../operations/capture-operations";
import { pathExplain } from "../../operations/path-operations";
import * as experiment from "../../operations/experiment-operations";
import * as snapshot from "../../operations/snapshot-operations";
import * as sessionOps from "../../operations/session-operations";
import * as labsOps from "../../operations/labs-operations";
import * as classOps from "../../operations/class-operations";
import * as labFiles from "../../operations/lab-file-operations";
import { clearedSessionCookieHeader } from "../../auth/session-cookie";
import { writeMatrixAnswer } from "./matrix-answer-writer";

export interface HttpRequestParts {
  params: Record<string, string>;
  query: URLSearchParams;
  /** The JSON body, read only once the caller was authorised. */
  readBody: (limit?: number) => Promise<unknown>;
}

/** A download or a reply with headers; anything else an operation returns is sent as JSON. */
export interface HttpReply {
  status?: number;
  headers: Record<string, string>;
  body: string | Uint8Array;
}

export interface HttpBinding {
  operation: AnyOperation;
  input: (r: HttpRequestParts) => unknown;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- each binding knows its own operation's output
  reply?: (result: any) => HttpReply;
  /** Writes the answer itself, while the operation's work goes on (the head may be out before it fails). */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- as reply
  write?: (res: ServerResponse, result: any) => Promise<void>;
}

const body = (r: HttpRequestParts) => r.readBody();

const none = () => ({});
/** The body's fields beside the path's parameters (which win): `{ interfaceId, mtu }`; a body that is no object adds none. */
const bodyWith = (fromPath: (r: HttpRequestParts) => Record<string, string>) => async (r: HttpRequestParts) => {
  const read = await r.readBody();
  return { ...(typeof read === "object" && read !== null && !Array.isArray(read) ? read : {}), ...fromPath(r) };
};
const id = (r: HttpRequestParts) => ({ id: r.params.id });
const download = (type: string) => (file: { fileName: string; bytes?: Uint8Array; text?: string }) => ({
  headers: { "content-type": type, "content-disposition": `attachment; filename="${file.fileName}"`, "cache-control": "no-store" },
  body: file.bytes ?? file.text ?? "",
});

/** Every route of API_ROUTES and the operation it calls: the type makes a route without one a compile error. */
export const HTTP_BINDINGS: Record<RouteName, HttpBinding> = {
  // 503 while a daemon is down: monitors see "degraded" from the status alone; the body says which.
  health: { operation: lab.health, input: none, reply: (r: { ok: boolean }) => ({ status: r.ok ? 200 : 503, headers: {}, body: JSON.stringify(r) }) },
  daemonStart: { operation: lab.daemonStart, input: async (r) => (await r.readBody(), { daemon: r.params.name }) },
  session: { operation: sessionOps.session, input: none },
  logout: { operation: sessionOps.logout, input: body, reply: (r) => ({ headers: { "set-cookie": clearedSessionCookieHeader() }, body: JSON.stringify(r) }) },
  templates: { operation: lab.templates, input: none },
  topology: { operation: lab.topology, input: none },
  state: { operation: lab.labState, input: none },
  interfaces: { operation: lab.interfaces, input: none },
  interface: { operation: lab.interfaceById, input: id },
  offloadSet: { operation: lab.offloadSet, input: async (r) => ({ interfaceId: r.params.id, changes: await r.readBody() }) },
  interfaceMtu: { operation: edit.interfaceMtu, input: bodyWith((r) => ({ interfaceId: r.params.id })) },
  interfaceLink: { operation: edit.interfaceLink, input: bodyWith((r) => ({ interfaceId: r.params.id })) },
  endpointAddress: { operation: edit.endpointAddress, input: bodyWith((r) => ({ endpoint: r.params.name })) },
  portTag: { operation: edit.portTag, input: bodyWith((r) => ({ port: r.params.name })) },
  impairmentSet: { operation: impair.impairmentSet, input: bodyWith((r) => ({ endpoint: r.params.name })) },
  impairmentList: { operation: impair.impairmentList, input: none },
  flowList: { operation: edit.flowList, input: none },
  flowDelete: { operation: edit.flowDelete, input: id },
  firewallList: { operation: edit.firewallList, input: (r) => ({ endpoint: r.params.name }) },
  firewallDelete: { operation: edit.firewallDelete, input: id },
  labUp: { operation: lab.labUp, input: body },
  labDown: { operation: lab.labDown, input: body },
  labSpec: { operation: labFiles.labSpec, input: none },
  labDownload: { operation: labFiles.labDownload, input: none, reply: download("application/yaml; charset=utf-8") },
  labSave: { operation: labFiles.labSave, input: body },
  matrixLatest: { operation: lab.matrixLatest, input: none },
  matrixRun: { operation: lab.matrixRun, input: body, write: writeMatrixAnswer },
  captureRun: { operation: capture.captureRun, input: body },
  captureGet: { operation: capture.captureGet, input: id },
  capturePcap: { operation: capture.capturePcap, input: id, reply: download("application/vnd.tcpdump.pcap") },
  captureStop: { operation: capture.captureStop, input: async (r) => (await r.readBody(), { id: r.params.id }) },
  diagnose: { operation: capture.diagnose, input: body },
  pathExplain: { operation: pathExplain, input: body },
  experimentStart: { operation: experiment.experimentStart, input: body },
  experimentGet: { operation: experiment.experimentGet, input: id },
  experimentCancel: { operation: experiment.experimentCancel, input: async (r) => (await r.readBody(), { id: r.params.id }) },
  experimentSave: { operation: experiment.experimentSave, input: async (r) => ({ id: r.params.id, meta: await r.readBody() }) },
  snapshotCompare: { operation: snapshot.snapshotCompare, input: (r) => ({ a: r.query.get("a") ?? "", b: r.query.get("b") ?? "" }) },
  snapshotImport: { operation: snapshot.snapshotImport, input: async (r) => ({ file: await r.readBody(MAX_SNAPSHOT_BYTES) }) },
  snapshotSave: { operation: snapshot.snapshotSave, input: body },
  snapshotList: { operation: snapshot.snapshotList, input: none },
  snapshotExport: { operation: snapshot.snapshotExport, input: id, reply: download("application/json; charset=utf-8") },
  snapshotRestore: { operation: snapshot.snapshotRestore, input: async (r) => ({ id: r.params.id, options: await r.readBody() }) },
  snapshotGet: { operation: snapshot.snapshotGet, input: id },
  snapshotDelete: { operation: snapshot.snapshotDelete, input: id },
  labList: { operation: labsOps.labList, input: none },
  labClose: { operation: labsOps.labClose, input: (r) => ({ labId: r.params.labId }) },
  scenarioList: { operation: classOps.scenarioList, input: none },
  classCreate: { operation: classOps.classCreate, input: body },
  classList: { operation: classOps.classList, input: none },
  classGet: { operation: classOps.classGet, input: id },
  classCsv: { operation: classOps.classCsv, input: id, reply: download("text/csv; charset=utf-8") },
  classEnd: { operation: classOps.classEnd, input: id },
  studentView: { operation: classOps.studentView, input: none },
  presenterGet: { operation: classOps.presenterGet, input: none },
  presenterSet: { operation: classOps.presenterSet, input: body },
};
