import { AgentProcess } from "./agent-process";
import { AGENT_ECHO_PORT } from "./agent-protocol";
import { agentScript } from "./agent-bundle";
import { Backoff } from "../host/backoff";

export interface ProbeEndpoint {
  name: string;
  ipv4: string;
  /** null for the host's own (root) namespace. */
  netns: string | null;
  /** The namespace's inode: an agent in a namespace since rebuilt under the same path must go. */
  netnsInode?: number | null;
}

export interface AgentSet {
  agents: Map<string, AgentProcess>;
  /** Why an endpoint has no agent, when starting one failed. */
  failures: Map<string, string>;
}

/** Keeps exactly one live agent per probe endpoint, restarting any whose namespace or address changed, or that failed. */
export class AgentPool {
  private readonly agents = new Map<string, AgentProcess>();
  private wanted: ProbeEndpoint[] = [];
  private restartTimer: NodeJS.Timeout | null = null;
  private readonly restartBackoff = new Backoff(500, 10_000);

  constructor(
    private readonly projectRoot: string,
    /** Called when a link changes inside an endpoint's namespace. */
    private readonly onLinksChanged: (endpoint: string) => void = () => undefined,
  ) {}

  private queue: Promise<unknown> = Promise.resolve();

  /** Serialised: two overlapping syncs would start two agents on one address. */
  sync(endpoints: ProbeEndpoint[]): Promise<AgentSet> {
    this.wanted = endpoints;
    const next = this.queue.then(() => this.syncNow(endpoints));
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async syncNow(endpoints: ProbeEndpoint[]): Promise<AgentSet> {
    const script = await agentScript(this.projectRoot);
    const wanted = new Map(endpoints.map((e) => [e.name, e]));
    for (const [name, agent] of this.agents) {
      const e = wanted.get(name);
      if (!e || !agent.alive || agent.key !== keyOf(e)) {
        agent.stop();
        this.agents.delete(name);
      }
    }
    const failures = new Map<string, string>();
    // Each spawn forks this (large) process and holds its event loop for tens of milliseconds: one
    // spawn per turn of the loop lets answers and events through between them (a lab up's answer
    // used to wait for all twenty).
    let turn = Promise.resolve();
    // One endpoint that cannot get an agent (its namespace just vanished) must not stop the others.
    await Promise.all(
      endpoints
        .filter((e) => !this.agents.has(e.name))
        .map(async (e) => {
          const myTurn = (turn = turn.then(() => new Promise<void>((resolve) => setImmediate(resolve))));
          await myTurn;
          const agent = await AgentProcess.start({
            endpoint: e.name,
            key: keyOf(e),
            script,
            netns: e.netns,
            bind: e.ipv4,
            port: AGENT_ECHO_PORT,
            onLinksChanged: () => this.onLinksChanged(e.name),
            onFailed: (why) => this.restartSoon(e.name, why),
          }).catch((err: Error) => void failures.set(e.name, err.message));
          if (agent) this.agents.set(e.name, agent);
        }),
    );
    if (failures.size === 0) this.restartBackoff.reset();
    return { agents: new Map(this.agents), failures };
  }

  /** A failed agent is replaced without waiting for the next run (with backoff, should it keep failing). */
  private restartSoon(endpoint: string, why: string): void {
    console.warn(`[ovs-lab] probe agent for ${endpoint} ${why}; starting another`);
    if (this.restartTimer) return;
    this.restartTimer = setTimeout(() => {
      this.restartTimer = null;
      void this.sync(this.wanted).catch(() => undefined);
    }, this.restartBackoff.next());
    this.restartTimer.unref();
  }

  /**
   * Since when a link change in this namespace reaches onLinksChanged (the agent's monitor,
   * a margin after it said ready for `ip monitor` to subscribe), or null when no agent watches it.
   */
  watchingSince(netns: string, inode: number | null): number | null {
    const e = this.wanted.find((w) => w.netns === netns && (w.netnsInode ?? null) === inode);
    const agent = e && this.agents.get(e.name);
    return e && agent?.alive && agent.key === keyOf(e) ? agent.readyAt + MONITOR_START_MARGIN_MS : null;
  }

  stopAll(): void {
    if (this.restartTimer) clearTimeout(this.restartTimer);
    this.restartTimer = null;
    this.wanted = [];
    for (const agent of this.agents.values()) agent.stop();
    this.agents.clear();
  }
}

const MONITOR_START_MARGIN_MS = 300;

const keyOf = (e: ProbeEndpoint) => `${e.netns ?? "root"}|${e.netnsInode ?? ""}|${e.ipv4}`;
