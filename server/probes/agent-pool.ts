import { AgentProcess } from "./agent-process";
import { AGENT_ECHO_PORT } from "./agent-protocol";
import { agentScript } from "./agent-bundle";

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

/** Keeps exactly one live agent per probe endpoint, restarting any whose namespace or address changed. */
export class AgentPool {
  private readonly agents = new Map<string, AgentProcess>();

  constructor(
    private readonly projectRoot: string,
    /** Called when a link changes inside an endpoint's namespace. */
    private readonly onLinksChanged: (endpoint: string) => void = () => undefined,
  ) {}

  private queue: Promise<unknown> = Promise.resolve();

  /** Serialised: two overlapping syncs would start two agents on one address. */
  sync(endpoints: ProbeEndpoint[]): Promise<AgentSet> {
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
    // One endpoint that cannot get an agent (its namespace just vanished) must not stop the others.
    await Promise.all(
      endpoints
        .filter((e) => !this.agents.has(e.name))
        .map(async (e) => {
          const agent = await AgentProcess.start({
            endpoint: e.name,
            key: keyOf(e),
            script,
            netns: e.netns,
            bind: e.ipv4,
            port: AGENT_ECHO_PORT,
            onLinksChanged: () => this.onLinksChanged(e.name),
          }).catch((err: Error) => void failures.set(e.name, err.message));
          if (agent) this.agents.set(e.name, agent);
        }),
    );
    return { agents: new Map(this.agents), failures };
  }

  stopAll(): void {
    for (const agent of this.agents.values()) agent.stop();
    this.agents.clear();
  }
}

const keyOf = (e: ProbeEndpoint) => `${e.netns ?? "root"}|${e.netnsInode ?? ""}|${e.ipv4}`;
