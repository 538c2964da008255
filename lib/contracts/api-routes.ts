import type { z } from "zod";
import type { Access, SessionInfo } from "./access";
import type { LabSummary } from "./labs";
import type { classRequestSchema, ClassSummary, ClassView, StudentView } from "./classroom";
import type { presenterStateSchema, PresenterState } from "./presenter";
import type { ScenarioSummary } from "./scenarios";
import type { labUpRequestSchema, matrixRequestSchema, offloadChangeSchema } from "./api-inputs";
import type { captureRequestSchema, diagnoseRequestSchema } from "./capture-inputs";
import type { experimentRequestSchema } from "./experiment-inputs";
import type { ImpairmentList, LinkImpairment } from "./impairment";
import type { impairmentChangeSchema } from "./impairment-inputs";
import type { FirewallList, FirewallRule, FlowList, FlowRule } from "./lab-edits";
import type { addressChangeSchema, linkChangeSchema, mtuChangeSchema, tagChangeSchema } from "./lab-edit-inputs";
import type { labSaveRequestSchema, LabSaveAnswer, LabSpecAnswer } from "./lab-files";
import type { CaptureResult, CaptureSummary, CapturedPacket } from "./capture";
import type { Diagnosis } from "./diagnosis";
import type { pathExplainRequestSchema, PathExplanation } from "./path-explain";
import type { ExperimentRunState } from "./experiment";
import type { HealthInfo } from "./health";
import type { LabStateAnswer } from "./lab-state";
import type { DaemonHealthSnapshot } from "./daemon-health";
import type { MatrixRun, ProbeResult } from "./matrix";
import type { BridgePort, NetInterface, Topology } from "./topology";
import type { restoreRequestSchema, saveExperimentSnapshotRequestSchema, saveSnapshotRequestSchema, Snapshot, SnapshotSummary } from "../snapshots/snapshot-format";
import type { RestoreOutcome, SnapshotComparison } from "../snapshots/snapshot-api-types";

/**
 * Every HTTP route of the API, written once: the server binds each to its operation, the typed
 * client (pages, CLI, tests) calls them by name. `access` is what the operation requires; the
 * server's operation decides, this copy lets a page hide what would be refused.
 */
export type HttpMethod = "GET" | "POST" | "DELETE";

/**
 * A route's JSON body, known here by its schema's type alone: the server's operation parses the body with
 * that schema, the client's calls are typed by it, and the pages that import this table never load zod.
 */
export interface JsonBody<Schema extends z.ZodType> {
  readonly json: true;
  /** Type only: never set. */
  readonly schema?: Schema;
}
const json = <Schema extends z.ZodType>(): JsonBody<Schema> => ({ json: true });

export interface RouteDef<Path extends string = string, Body extends JsonBody<z.ZodType> | null = JsonBody<z.ZodType> | null, Output = unknown> {
  method: HttpMethod;
  path: Path;
  access: Access;
  /** The JSON body (null: none). */
  body: Body;
  /** Query parameters the route reads. */
  query: readonly string[];
  /** The answer is a download (a file), not JSON. */
  download: boolean;
  /** Type only: what the route answers. */
  readonly output?: Output;
}

/** `/api/interfaces/:id/offload` -> "id" */
export type PathParams<P extends string> = P extends `${string}:${infer K}/${infer Rest}`
  ? K | PathParams<`/${Rest}`>
  : P extends `${string}:${infer K}`
    ? K
    : never;

function route<Output>() {
  return <Path extends string, Body extends JsonBody<z.ZodType> | null = null>(
    method: HttpMethod,
    path: Path,
    access: Access,
    options: { body?: Body; query?: readonly string[]; download?: boolean } = {},
  ): RouteDef<Path, Body, Output> => ({
    method,
    path,
    access,
    body: (options.body ?? null) as Body,
    query: options.query ?? [],
    download: options.download ?? false,
  });
}

const anyJson = json<z.ZodUnknown>();
const empty = json<z.ZodObject<Record<string, never>, z.core.$strict>>();

/** `merged`: this request joined an identical run already under way and shares its results. */
export type MatrixAnswer = { runId: string; durationMs: MatrixRun["durationMs"]; merged: boolean; results: Omit<ProbeResult, "runId" | "at">[] };

export const API_ROUTES = {
  health: route<HealthInfo>()("GET", "/api/health", "viewer"),
  session: route<SessionInfo>()("GET", "/api/session", "viewer"),
  logout: route<SessionInfo>()("POST", "/api/session/logout", "viewer", { body: empty }),
  templates: route<{ templates: string[] }>()("GET", "/api/templates", "viewer"),
  daemonStart: route<DaemonHealthSnapshot>()("POST", "/api/daemons/:name/start", "operator", { body: empty }),
  topology: route<Topology>()("GET", "/api/topology", "viewer"),
  /** The page's first read (lab-state.ts), also asked from the page's HTML before its scripts run. */
  state: route<LabStateAnswer>()("GET", "/api/state", "viewer"),
  interfaces: route<{ interfaces: NetInterface[] }>()("GET", "/api/interfaces", "viewer"),
  interface: route<NetInterface>()("GET", "/api/interfaces/:id", "viewer"),
  offloadSet: route<{ id: string; offload: NetInterface["offload"] }>()("POST", "/api/interfaces/:id/offload", "operator", { body: json<typeof offloadChangeSchema>() }),
  interfaceMtu: route<NetInterface>()("POST", "/api/interfaces/:id/mtu", "operator", { body: json<typeof mtuChangeSchema>() }),
  interfaceLink: route<NetInterface>()("POST", "/api/interfaces/:id/link", "operator", { body: json<typeof linkChangeSchema>() }),
  endpointAddress: route<NetInterface>()("POST", "/api/endpoints/:name/address", "operator", { body: json<typeof addressChangeSchema>() }),
  portTag: route<BridgePort>()("POST", "/api/ports/:name/tag", "operator", { body: json<typeof tagChangeSchema>() }),
  impairmentSet: route<{ endpoint: string; link: LinkImpairment | null }>()("POST", "/api/endpoints/:name/impairment", "operator", { body: json<typeof impairmentChangeSchema>() }),
  impairmentList: route<ImpairmentList>()("GET", "/api/impairments", "viewer"),
  flowList: route<FlowList>()("GET", "/api/flows", "viewer"),
  flowDelete: route<FlowList & { deleted: FlowRule }>()("DELETE", "/api/flows/:id", "operator"),
  firewallList: route<FirewallList>()("GET", "/api/endpoints/:name/firewall", "viewer"),
  firewallDelete: route<FirewallList & { deleted: FirewallRule }>()("DELETE", "/api/firewall/:id", "operator"),
  labUp: route<{ labId: string; topology: Topology; merged: boolean }>()("POST", "/api/lab/up", "operator", { body: json<typeof labUpRequestSchema>() }),
  labDown: route<{ labId: string; removed: number }>()("POST", "/api/lab/down", "operator", { body: empty }),
  /** The running lab's spec (lib/contracts/lab-files.ts), as JSON and as a version-2 file; an edited spec saved as labs/<name>.yaml. */
  labSpec: route<LabSpecAnswer>()("GET", "/api/lab/spec", "viewer"),
  labDownload: route<Blob>()("GET", "/api/lab/spec.yaml", "viewer", { download: true }),
  labSave: route<LabSaveAnswer>()("POST", "/api/lab-files", "operator", { body: json<typeof labSaveRequestSchema>() }),
  matrixLatest: route<MatrixRun>()("GET", "/api/matrix/latest", "viewer"),
  matrixRun: route<MatrixAnswer>()("POST", "/api/matrix", "operator", { body: json<typeof matrixRequestSchema>() }),
  captureRun: route<CaptureResult>()("POST", "/api/captures", "operator", { body: json<typeof captureRequestSchema>() }),
  captureGet: route<CaptureSummary & { packets: CapturedPacket[] }>()("GET", "/api/captures/:id", "viewer"),
  capturePcap: route<Blob>()("GET", "/api/captures/:id/pcap", "viewer", { download: true }),
  captureStop: route<CaptureSummary>()("POST", "/api/captures/:id/stop", "operator", { body: empty }),
  diagnose: route<Diagnosis>()("POST", "/api/diagnose", "operator", { body: json<typeof diagnoseRequestSchema>() }),
  pathExplain: route<PathExplanation>()("POST", "/api/path-explain", "operator", { body: json<typeof pathExplainRequestSchema>() }),
  experimentStart: route<ExperimentRunState>()("POST", "/api/experiments", "operator", { body: json<typeof experimentRequestSchema>() }),
  experimentGet: route<ExperimentRunState>()("GET", "/api/experiments/:id", "viewer"),
  experimentCancel: route<{ id: string; cancelling: boolean }>()("POST", "/api/experiments/:id/cancel", "operator", { body: empty }),
  experimentSave: route<{ id: string }>()("POST", "/api/experiments/:id/snapshot", "operator", { body: json<typeof saveExperimentSnapshotRequestSchema>() }),
  snapshotCompare: route<SnapshotComparison>()("GET", "/api/snapshots/compare", "viewer", { query: ["a", "b"] }),
  snapshotImport: route<{ id: string }>()("POST", "/api/snapshots/import", "operator", { body: anyJson }),
  snapshotSave: route<{ id: string }>()("POST", "/api/snapshots", "operator", { body: json<typeof saveSnapshotRequestSchema>() }),
  snapshotList: route<{ snapshots: SnapshotSummary[] }>()("GET", "/api/snapshots", "operator"),
  snapshotExport: route<Blob>()("GET", "/api/snapshots/:id/export", "viewer", { download: true }),
  snapshotRestore: route<RestoreOutcome>()("POST", "/api/snapshots/:id/restore", "operator", { body: json<typeof restoreRequestSchema>() }),
  snapshotGet: route<Snapshot>()("GET", "/api/snapshots/:id", "viewer"),
  snapshotDelete: route<{ id: string; deleted: true }>()("DELETE", "/api/snapshots/:id", "operator"),
  labList: route<{ labs: LabSummary[] }>()("GET", "/api/labs", "viewer"),
  labClose: route<{ labId: string; removed: number }>()("DELETE", "/api/labs/:labId", "operator"),
  scenarioList: route<{ scenarios: ScenarioSummary[] }>()("GET", "/api/scenarios", "viewer"),
  classCreate: route<ClassView>()("POST", "/api/classes", "operator", { body: json<typeof classRequestSchema>() }),
  classList: route<{ classes: ClassSummary[] }>()("GET", "/api/classes", "operator"),
  classGet: route<ClassView>()("GET", "/api/classes/:id", "operator"),
  classCsv: route<Blob>()("GET", "/api/classes/:id/results.csv", "operator", { download: true }),
  classEnd: route<{ classId: string; removed: number }>()("DELETE", "/api/classes/:id", "operator"),
  studentView: route<StudentView>()("GET", "/api/student", "viewer"),
  presenterGet: route<PresenterState | null>()("GET", "/api/presenter", "viewer"),
  presenterSet: route<PresenterState>()("POST", "/api/presenter", "operator", { body: json<typeof presenterStateSchema>() }),
} as const;

export type ApiRoutes = typeof API_ROUTES;

/**
 * Routes about one lab. Each is also served under /api/labs/<labId>/… (labScopedPath) for that lab;
 * without the prefix it means the default lab.
 */
export const LAB_ROUTES: ReadonlySet<keyof ApiRoutes> = new Set<keyof ApiRoutes>([
  "health", "topology", "state", "interfaces", "interface", "offloadSet", "interfaceMtu", "interfaceLink", "endpointAddress", "portTag",
  "impairmentSet", "impairmentList", "flowList", "flowDelete", "firewallList", "firewallDelete", "labUp", "labDown", "labSpec", "labDownload", "matrixLatest", "matrixRun",
  "captureRun", "captureGet", "capturePcap", "captureStop", "diagnose", "pathExplain", "snapshotSave", "snapshotRestore", "presenterGet", "presenterSet",
]);
export type RouteName = keyof ApiRoutes;
export type RouteOutput<N extends RouteName> = ApiRoutes[N] extends RouteDef<string, JsonBody<z.ZodType> | null, infer O> ? O : never;

/** Every route a viewer may not call: the page hides or disables what leads there. */
export const OPERATOR_ROUTES = (Object.keys(API_ROUTES) as RouteName[]).filter((n) => API_ROUTES[n].access === "operator");

/** The path with its parameters filled in, each one %-encoded. */
export function routePath(path: string, params: Record<string, string> = {}): string {
  return path.replace(/:([a-zA-Z]+)/g, (_, key: string) => {
    const value = params[key];
    if (value === undefined) throw new Error(`missing path parameter "${key}" for ${path}`);
    return encodeURIComponent(value);
  });
}
