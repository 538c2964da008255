import { randomUUID } from "node:crypto";
import { hostSideNetns } from "../multihost/host-names";
import { EventEmitter } from "node:events";
import type { MatrixRun, MatrixRunSummary, ProbeResult, Protocol } from "../../lib/contracts/matrix";
import { topologyBridges, type NetInterface, type Topology } from "../../lib/contracts/topology";
import { affectedPairs } from "../../lib/topology/affected-pairs";
import type { OffloadFeature } from "../../lib/contracts/offload";
import type { LabSpec } from "../../lib/lab-spec/schema";
import { discoverLab, type Discovery } from "../discovery/discover-lab";
import { watchLab } from "../discovery/watch-lab";
import { DiscoveryCache } from "../discovery/discovery-cache";
import { AgentPool, type ProbeEndpoint } from "../probes/agent-pool";
import { runMatrix } from "../matrix/run-matrix";
import { phaseTimer } from "../trace/trace";
import { blockedByDaemons } from "../matrix/daemon-blocks";
import { pmdNapsFor } from "../host/pmd-naps";
import { readOffload, setOffload } from "../offload/ethtool";
import { dbSocket } from "../host/ovs-daemons";
import { linuxBridgeDown, linuxBridgeUp } from "./linux-bridge";
import { labUp } from "./lab-up";
import { labDown } from "./lab-down";
import { multiHostDown, multiHostUp } from "../multihost/multihost-up";
import { findLabHosts } from "../multihost/find-lab-hosts";
import { removeLabImpairments, resumeLabImpairments } from "../impair/apply-impairment";
import { setRelayProjectRoot, stopLabRelays } from "../impair/relay-supervisor";
import { impairmentSupport } from "../impair/impairment-support";
import { LabError } from "./lab-errors";
import { SerialQueue, type QueuedWork } from "./serial-queue";
import { asDaemonUnavailable, specToRepair, watchLabDaemons, type LabDaemons } from "./lab-daemons";
import type { HostContext } from "../host/host-context";

export interface LabEvents {
  topology: [Topology];
  "matrix:started": [MatrixRunSummary];
  "matrix:result": [ProbeResult];
  "matrix:finished": [MatrixRunSummary];
  /** Something changed the lab (an up, a fix, an offload toggle): results from before may no longer hold. */
  changed: [string];
}

const structuralKey = (t: Topology) =>
  JSON.stringify({ ...t, discoveredAt: "", interfaces: t.interfaces.map((i) => ({ ...i, counters: null })) });

const probeEndpoints = (d: Discovery): ProbeEndpoint[] =>
  d.runtimes.flatMap((r) => (r.ipv4 ? [{ name: r.name, ipv4: r.ipv4, netns: r.netns, netnsInode: r.netnsInode }] : []));

/**
 * Each endpoint with whether its packets may leave with unfinished checksums: the TX offload of the
 * interface it sends from (its eth0; the host's is the first bridge's internal port), unknown as "may".
 */
function withChecksumFacts(endpoints: ProbeEndpoint[], t: Topology): (ProbeEndpoint & { mayBreakChecksums: boolean })[] {
  const sender = (name: string) =>
    name === "host" ? t.interfaces.find((i) => i.owner === "host" && i.role === "bridge-internal" && i.ifname === t.bridge?.name) : t.interfaces.find((i) => i.id === `${name}:eth0`);
  return endpoints.map((e) => ({ ...e, mayBreakChecksums: sender(e.name)?.offload.tx?.on !== false }));
}

/** How long after an offload change its confirming rediscovery waits (the page's re-test runs meanwhile). */
const REFRESH_AFTER_PATCH_MS = 400;

const summaryOf = ({ results: _results, ...summary }: MatrixRun): MatrixRunSummary => summary;

/** The lab this server manages: its live topology, its probe agents and its matrix runs. */
export class LabService extends EventEmitter<LabEvents> {
  private discovery: Discovery | null = null;
  private lastKey = "";
  private refreshTimer: NodeJS.Timeout | null = null;
  private refreshing: Promise<Discovery> | null = null;
  private nextRefresh: Promise<Discovery> | null = null;
  private stopWatching: (() => void) | null = null;
  private readonly agents: AgentPool;
  private readonly discoveryCache: DiscoveryCache;
  lastRun: MatrixRun | null = null;
  private rebuilding = false;
  private changedWhileRebuilding = false;
  /** How many operations patched the served discovery (a discovery read across one is read again). */
  private patches = 0;
  /** Up, down, repair and restore of this lab: one at a time; an identical request joins the running one. */
  private readonly changes = new SerialQueue("lab changes", 4, 5);
  /** Matrix runs: one at a time; identical requests share a run; a bounded wait list, then 429. */
  private readonly runs = new SerialQueue("matrix runs", 8, 1);
  private readonly runStarts = new Map<string, Promise<MatrixRun>>();
  /** By run id: who takes each result of that run as it lands (followRun). */
  private readonly runFollowers = new Map<string, Set<(result: ProbeResult) => void>>();
  /** The spec last brought up here: what a repair after a daemon's return brings back. */
  private spec: LabSpec | null = null;
  private daemons: LabDaemons | null = null;
  /** Events a page applies so far; with this instance's own id, so a lab opened again never repeats a revision. */
  private applied = 0;
  private readonly instance = randomUUID().slice(0, 8);

  constructor(
    private readonly ctx: HostContext,
    public labId: string,
  ) {
    super();
    for (const event of ["topology", "matrix:started", "matrix:result", "matrix:finished"] as const) this.on(event, () => this.applied++);
    this.discoveryCache = new DiscoveryCache((netns, inode) => this.agents.watchingSince(netns, inode));
    this.agents = new AgentPool(ctx.config.projectRoot, (endpoint) => {
      const netns = this.discovery?.runtimes.find((r) => r.name === endpoint)?.netns;
      if (netns) this.discoveryCache.invalidateNamespace(netns);
      else this.discoveryCache.invalidateAll();
      this.scheduleRefresh();
    });
  }

  /** Moves with every event a page applies (see lib/contracts/lab-state.ts). */
  get revision(): string {
    return `${this.instance}.${this.applied}`;
  }

  /** What a watcher reported: the cached reads it makes stale are dropped, then one coalesced rediscovery. */
  private onWatchedChange(source: string, interfaces?: string[] | null): void {
    if (source === "netlink") this.discoveryCache.invalidateRoot(interfaces ?? null);
    // A watcher that was away may have missed anything.
    else if (source.endsWith("-reconnected") || source.endsWith("-restarted")) this.discoveryCache.invalidateAll();
    this.scheduleRefresh();
  }

  async start(): Promise<void> {
    const daemons = watchLabDaemons(this.ctx, this);
    const hooks = { ...daemons.hooks, isLabInterface: (ifname: string) => this.ownsRootInterface(ifname) };
    const stopWatch = await watchLab(this.ctx, dbSocket(this.ctx.config), this.labId, (source, names) => this.onWatchedChange(source, names), hooks).catch((err: unknown) => {
      daemons.stop();
      throw err;
    });
    this.daemons = daemons;
    this.stopWatching = () => (stopWatch(), daemons.stop());
    // Relayed links (server/impair) need their forwarders: the ones of a server before this one ended with it.
    setRelayProjectRoot(this.ctx.config.projectRoot);
    void impairmentSupport().catch(() => undefined); // probed once, at start: the health answer says it
    await resumeLabImpairments(this.labId).catch((err: unknown) => console.error(`[ovs-lab] lab ${this.labId}: link relays not resumed: ${String(err)}`));
    await this.refresh();
  }

  /** The lab's own interfaces in the root namespace: its veth ends and DPDK wires (`<lab>-…`) and its bridge. */
  private ownsRootInterface(ifname: string): boolean {
    return ifname.startsWith(`${this.labId}-`) || ifname === (this.spec?.bridge.name ?? this.discovery?.topology.bridge?.name);
  }

  /** ovsdb-server, ovs-vswitchd and dockerd as this lab sees them (null before start()). */
  get daemonHealth() {
    return this.daemons?.health ?? null;
  }

  /** The lab a repair brings back after a daemon returns (see lab-daemons.ts). */
  repairSpec(): LabSpec | null {
    return specToRepair(this.spec, this.discovery?.topology ?? null);
  }

  /** Waits for queued changes and runs to finish, at most `ms` (a graceful stop). */
  async settle(ms: number): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<void>((r) => (timer = setTimeout(r, ms)));
    await Promise.race([Promise.all([this.changes.drained(), this.runs.drained()]), deadline]);
    clearTimeout(timer);
  }

  stop(): void {
    this.stopWatching?.();
    this.stopWatching = null;
    if (this.refreshTimer) clearTimeout(this.refreshTimer);
    this.agents.stopAll();
    void stopLabRelays(this.labId);
  }

  /**
   * Coalesces bursts of change events into one discovery. While an up or down rebuilds the lab
   * (hundreds of events), none starts one: the change ends with its own discovery.
   */
  scheduleRefresh(delayMs = 60): void {
    if (this.rebuilding) {
      this.changedWhileRebuilding = true;
      return;
    }
    if (this.refreshTimer) return;
    const wait = Math.max(delayMs, this.quietUntil - performance.now());
    this.refreshTimer = setTimeout(() => {
      this.refreshTimer = null;
      void this.refresh().catch(() => undefined);
    }, wait);
  }

  /**
   * After an operation patched the lab as served (read your writes), its re-test follows at once: the
   * rediscovery that confirms the change (and the link events the change itself makes) waits until then
   * instead of taking the CPU from it.
   */
  private quietUntil = 0;

  async refresh(): Promise<Discovery> {
    // Callers that arrive during a discovery share ONE next discovery (they asked for news), not one each.
    if (this.refreshing) {
      return (this.nextRefresh ??= this.refreshing
        .catch(() => undefined)
        .then(() => {
          this.nextRefresh = null;
          return this.refresh();
        }));
    }
    const patchesBefore = this.patches;
    this.refreshing = discoverLab(this.ctx, this.labId, this.discoveryCache).catch((err: unknown) => asDaemonUnavailable(err, this.ctx));
    try {
      const discovery = await this.refreshing;
      // An operation patched the lab while this read it: the read may predate the change.
      if (this.patches !== patchesBefore) {
        this.refreshing = null;
        return await this.refresh();
      }
      this.discovery = discovery;
      // Agents run as long as their endpoint does: they also watch links inside its namespace.
      // (not while an up or down is rebuilding namespaces: the next refresh after it does)
      if (!this.rebuilding) void this.syncAgents(discovery).catch(() => undefined);
      this.publish(discovery.topology);
      return discovery;
    } finally {
      this.refreshing = null;
    }
  }

  async topology(): Promise<Topology> {
    return (this.discovery ?? (await this.refresh())).topology;
  }

  async up(spec: LabSpec): Promise<Topology> {
    return this.upQueued(spec).promise;
  }

  /** The same, saying whether this request joined an identical `up` already under way. */
  upQueued(spec: LabSpec): QueuedWork<Topology> {
    return this.changes.submit(`up ${JSON.stringify(spec)}`, () => this.changing("up", () => this.upNow(spec)));
  }

  /** Any change of the lab that must not interleave with another (a snapshot restore). */
  exclusive<T>(what: string, work: () => Promise<T>): Promise<T> {
    return this.changes.submit(what, () => this.changing(what, work)).promise;
  }

  /**
   * Runs a change and says so afterwards, whether it worked or not (a half-done change is a change).
   * Cached namespace reads are dropped: the change's own link events may not have arrived yet, and
   * the next discovery (the change's answer, often) must read what it did.
   */
  private async changing<T>(what: string, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } finally {
      this.discoveryCache.invalidateAll();
      this.emit("changed", what);
    }
  }

  /** The lab as the watchers keep it (discovered once if never yet). */
  async currentDiscovery(): Promise<Discovery> {
    return this.discovery ?? this.refresh();
  }

  private async upNow(spec: LabSpec): Promise<Topology> {
    if (spec.id !== this.labId) throw new LabError("invalid", `spec.id: "${spec.id}" is not this lab ("${this.labId}"); each lab is brought up on its own (POST /api/labs/${spec.id}/lab/up)`);
    this.spec = spec;
    this.daemons?.forgetRepair();
    // A Linux bridge lab (kind: linux) is the A/B comparison's: the same endpoints on a kernel bridge.
    // A spec with hosts is an OVN lab over simulated hosts (server/multihost).
    await this.whileRebuilding(async () => {
      if (spec.hosts) return multiHostUp(this.ctx, spec);
      // A lab that ran across hosts and now runs on one: its hosts (and OVN rows) go first.
      if ((await findLabHosts(this.labId)).length) await multiHostDown(this.ctx, this.labId);
      return spec.bridge.kind === "linux" ? linuxBridgeUp(this.ctx, spec) : labUp(this.ctx, spec);
    });
    const { topology } = await this.refresh();
    // The first run usually follows an up: its RTTs through the DPDK port then measure no long nap either.
    if (this.usesPmd()) pmdNapsFor(this.ctx.config, this.ctx.ovsdb).warm();
    return topology;
  }

  async down(): Promise<{ removed: number }> {
    return this.changes.submit("down", () => this.changing("down", () => this.downNow())).promise;
  }

  private async downNow(): Promise<{ removed: number }> {
    this.agents.stopAll();
    const linuxBridge = this.spec?.bridge.kind === "linux" ? this.spec.bridge.name : null;
    this.spec = null;
    // A repair pending since a daemon went away must not bring back what this takes down.
    this.daemons?.forgetRepair();
    const multiHost = (await findLabHosts(this.labId)).length > 0;
    const result = await this.whileRebuilding(async () => (await removeLabImpairments(this.labId), multiHost ? multiHostDown(this.ctx, this.labId) : labDown(this.ctx, this.labId)));
    if (linuxBridge) await linuxBridgeDown(this.ctx, this.labId, linuxBridge);
    await this.refresh();
    return result;
  }

  /** From the watched discovery (kept fresh by the watchers): a burst of reads costs no rediscovery. */
  async interfaceById(id: string, fresh = false): Promise<NetInterface> {
    const { topology } = fresh || !this.discovery ? await this.refresh() : this.discovery;
    const iface = topology.interfaces.find((i) => i.id === id);
    if (!iface) {
      const known = topology.interfaces.map((i) => i.id).join(", ") || "none: is the lab up?";
      throw new LabError("notFound", `no interface "${id}" in lab ${this.labId}; known interfaces: ${known}`);
    }
    return iface;
  }

  /**
   * Changes offload on one interface and answers with that interface as it now is: one ethtool to
   * change, one to read back. The discovery around it is the watchers' (already fresh; the
   * change's own link event refreshes it again), so a click costs no full rediscovery.
   * `onApplied`: called once, with every pair the change can affect, as soon as the kernel has it and
   * before it is read back (the re-test starts there, with the lab as served saying what was asked).
   */
  async setOffload(id: string, changes: Partial<Record<OffloadFeature, boolean>>, onApplied?: (pairs: [string, string][]) => void): Promise<NetInterface> {
    // After an up (a repair, an edit) under way: its own offload settings must not land on this change.
    await this.changes.settled();
    let applied = false;
    const once = onApplied && ((pairs: [string, string][]) => void (applied || ((applied = true), onApplied(pairs))));
    // The watched discovery first; should the interface have moved under it (a restarted container), a fresh one.
    return this.setOffloadFrom(id, changes, false, once).catch(() => this.setOffloadFrom(id, changes, true, once));
  }

  private async setOffloadFrom(id: string, changes: Partial<Record<OffloadFeature, boolean>>, fresh: boolean, onApplied?: (pairs: [string, string][]) => void): Promise<NetInterface> {
    const iface = await this.interfaceById(id, fresh);
    const fixed = Object.keys(changes).filter((f) => iface.offload[f as OffloadFeature]?.fixed && iface.offload[f as OffloadFeature]?.on !== changes[f as OffloadFeature]);
    if (fixed.length) throw new LabError("invalid", `${id}: ${fixed.join(", ")} cannot change on this interface (fixed by its driver)`);
    const netns = iface.owner === "host" ? null : hostSideNetns(this.labId, iface.owner) ?? this.discovery!.runtimes.find((r) => r.name === iface.owner)?.netns;
    if (netns === undefined) throw new LabError("conflict", `${iface.owner} is not running; start it before changing ${id}`);
    // A re-test of the affected pairs follows (the server's or the page's): the PMD wakes meanwhile.
    if (this.usesPmd()) pmdNapsFor(this.ctx.config, this.ctx.ovsdb).warm();
    const phase = phaseTimer(`offload ${id}`);
    await setOffload(iface.ifname, netns, changes);
    phase("ethtool");
    if (netns) this.discoveryCache.invalidateNamespace(netns);
    else this.discoveryCache.invalidateRoot([iface.ifname]);
    if (onApplied) {
      // What was asked, until the read below says what the driver did (a feature can take others with it).
      const asked = Object.entries(changes).map(([f, on]) => [f, { ...iface.offload[f as OffloadFeature], on }] as const);
      this.patchInterface({ ...iface, offload: { ...iface.offload, ...Object.fromEntries(asked) } });
      if (this.discovery) onApplied(affectedPairs(this.discovery.topology, id));
    }
    const updated = { ...iface, offload: await readOffload(iface.ifname, netns) };
    // Read your writes: the lab as served says what this change did, before the rediscovery it starts.
    this.patchInterface(updated);
    this.quietUntil = performance.now() + REFRESH_AFTER_PATCH_MS;
    this.scheduleRefresh(REFRESH_AFTER_PATCH_MS);
    this.emit("changed", `offload ${id}`);
    return updated;
  }

  /** One interface changed by an operation of ours, put into the served discovery (and the pages told). */
  private patchInterface(iface: NetInterface): void {
    this.patches++;
    if (!this.discovery) return;
    const { topology } = this.discovery;
    const interfaces = topology.interfaces.map((i) => (i.id === iface.id ? iface : i));
    this.discovery = { ...this.discovery, topology: { ...topology, interfaces, discoveredAt: new Date().toISOString() } };
    this.publish(this.discovery.topology);
  }

  private publish(topology: Topology): void {
    const key = structuralKey(topology);
    if (key === this.lastKey) return;
    this.lastKey = key;
    this.emit("topology", topology);
  }

  private async whileRebuilding<T>(work: () => Promise<T>): Promise<T> {
    this.rebuilding = true;
    this.changedWhileRebuilding = false;
    this.discoveryCache.invalidateAll();
    try {
      const result = await work();
      this.discoveryCache.invalidateAll();
      this.rebuilding = false;
      return result; // its caller rediscovers next
    } catch (err) {
      this.discoveryCache.invalidateAll();
      this.rebuilding = false;
      // A change that failed half-way left things that the page must see.
      if (this.changedWhileRebuilding) this.scheduleRefresh();
      return asDaemonUnavailable(err, this.ctx);
    }
  }

  private syncAgents(discovery: Discovery) {
    return this.agents.sync(probeEndpoints(discovery));
  }

  /** `once`: each probe sent once, a silence said without the second try (a path explanation counts one probe's packets). */
  runMatrix(protocols: Protocol[], timeoutMs: number, pairs?: Set<string>, { once = false } = {}): Promise<MatrixRun> {
    return this.queueMatrix(protocols, timeoutMs, pairs, { once }).done;
  }

  /**
   * Queued: one run at a time per lab; a request identical to a running or waiting one shares its run.
   * `started` resolves with the run, still filling, when its first probe goes out (the socket answers then).
   */
  queueMatrix(protocols: Protocol[], timeoutMs: number, pairs?: Set<string>, { once = false } = {}): { done: Promise<MatrixRun>; started: Promise<MatrixRun>; merged: boolean } {
    const key = JSON.stringify([[...protocols].sort(), timeoutMs, pairs ? [...pairs].sort() : "all", once]);
    let started = this.runStarts.get(key);
    let announce: (run: MatrixRun) => void = () => undefined;
    const fresh = started === undefined;
    if (fresh) started = new Promise<MatrixRun>((resolve) => (announce = resolve));
    const queued = this.runs.submit(key, () => this.withShortPmdNaps(() => this.runMatrixNow(protocols, timeoutMs, pairs, once, announce)));
    if (fresh) {
      this.runStarts.set(key, started!);
      const forget = () => this.runStarts.get(key) === started && this.runStarts.delete(key);
      queued.promise.then(forget, forget);
    }
    // A run that fails before it starts fails its `started` too.
    const startedOrFailed = Promise.race([started!, queued.promise.then(() => started!)]);
    startedOrFailed.catch(() => undefined); // callers that only wait for `done` leave it unobserved
    return { done: queued.promise, started: startedOrFailed, merged: queued.merged };
  }

  /**
   * Every result of a started run so far, then each one as it lands, until the returned function is called:
   * a caller merged onto a run under way misses none of it.
   */
  followRun(run: MatrixRun, onResult: (result: ProbeResult) => void): () => void {
    for (const result of run.results) onResult(result);
    let followers = this.runFollowers.get(run.runId);
    if (!followers) this.runFollowers.set(run.runId, (followers = new Set()));
    followers.add(onResult);
    return () => {
      followers.delete(onResult);
      if (followers.size === 0 && this.runFollowers.get(run.runId) === followers) this.runFollowers.delete(run.runId);
    };
  }

  /** Only a lab with a DPDK port has packets waiting on the PMD; the others would just lose a core to its spin. */
  private usesPmd(): boolean {
    const topology = this.discovery?.topology;
    return this.ctx.config.vswitchdDpdk && !!topology && topologyBridges(topology).some((b) => b.ports.some((p) => p.dpdk));
  }

  /** RTTs through the DPDK port measure the network, not the PMD's nap: its naps are short while a run is in progress. */
  private async withShortPmdNaps<T>(work: () => Promise<T>): Promise<T> {
    if (!this.usesPmd()) return work();
    const release = await pmdNapsFor(this.ctx.config, this.ctx.ovsdb).hold();
    try {
      return await work();
    } finally {
      release();
    }
  }

  private async runMatrixNow(protocols: Protocol[], timeoutMs: number, pairs: Set<string> | undefined, once: boolean, announce: (run: MatrixRun) => void): Promise<MatrixRun> {
    // The watchers keep the discovery fresh; a full rediscovery here would cost more than the probes.
    const discovery = this.discovery ?? (await this.refresh());
    const endpoints = probeEndpoints(discovery);
    if (endpoints.length < 2) {
      const down = this.daemonHealth?.snapshot().down ?? [];
      if (down.length) throw new LabError("unavailable", `${down.join(" and ")} ${down.length > 1 ? "are" : "is"} down, so lab ${this.labId} has no endpoint to test; start it again (the page's banner, or npm run up)`);
      throw new LabError("conflict", `lab ${this.labId} has ${endpoints.length} running endpoint(s) with an address; bring it up first (POST /api/lab/up)`);
    }
    const names = new Set(endpoints.map((e) => e.name));
    const unknown = [...(pairs ?? [])].filter((p) => !p.split(">").every((n) => names.has(n)));
    if (unknown.length) throw new LabError("invalid", `unknown pair(s) ${unknown.join(", ")}; running endpoints: ${[...names].join(", ")}`);
    const agents = await this.syncAgents(discovery);
    const run = await runMatrix(withChecksumFacts(endpoints, discovery.topology), agents, {
      protocols,
      timeoutMs,
      pairs,
      once,
      onStart: (r) => {
        announce(r);
        this.emit("matrix:started", summaryOf(r));
      },
      onResult: (r) => {
        this.emit("matrix:result", r);
        this.runFollowers.get(r.runId)?.forEach((follow) => follow(r));
      },
      unavailable: blockedByDaemons(this.daemonHealth?.snapshot() ?? null, new Set(discovery.topology.endpoints.filter((e) => e.kind === "container").map((e) => e.name))),
    });
    this.emit("matrix:finished", summaryOf(run));
    if (!pairs) this.lastRun = run;
    return run;
  }
}
