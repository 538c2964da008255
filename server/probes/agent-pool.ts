import { AgentProcess } from "./agent-process";
import { AGENT_ECHO_PORT } from "./agent-protocol";
import { agentScript } from "./agent-bundle";

export interface ProbeEndpoint {
  name: string;
  ipv4: string;
  /** null for the host's own (root) namespace. */
  netns: string | null;
}

/** Keeps exactly one live agent per probe endpoint, restarting any whose namespace or address changed. */
export class AgentPool {
  private readonly agents = new Map<string, AgentProcess>();

  constructor(private readonly projectRoot: string) {}

  async sync(endpoints: ProbeEndpoint[]): Promise<Map<string, AgentProcess>> {
    const script = await agentScript(this.projectRoot);
    const wanted = new Map(endpoints.map((e) => [e.name, e]));
    for (const [name, agent] of this.agents) {
      const e = wanted.get(name);
      if (!e || !agent.alive || agent.key !== keyOf(e)) {
        agent.stop();
        this.agents.delete(name);
      }
    }
    await Promise.all(
      endpoints
        .filter((e) => !this.agents.has(e.name))
        .map(async (e) => {
          const agent = await AgentProcess.start({ endpoint: e.name, key: keyOf(e), script, netns: e.netns, bind: e.ipv4, port: AGENT_ECHO_PORT });
          this.agents.set(e.name, agent);
        }),
    );
    return new Map(this.agents);
  }

  stopAll(): void {
    for (const agent of this.agents.values()) agent.stop();
    this.agents.clear();
  }
}

const keyOf = (e: ProbeEndpoint) => `${e.netns ?? "root"}|${e.ipv4}`;
