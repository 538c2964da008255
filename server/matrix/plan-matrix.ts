import type { Protocol } from "../../lib/contracts/matrix";
import type { ProbeRequest } from "../probes/agent-process";

export interface PlanEndpoint {
  name: string;
  ipv4: string;
}

export interface PlannedRequest {
  from: string;
  protocol: Protocol;
  /** Endpoint names in the order the agent's outcomes come back. */
  to: string[];
  request: ProbeRequest;
}

/**
 * Every ordered pair for every protocol. ICMP goes as one fping per source
 * (all targets at once); TCP and UDP as one request per pair.
 */
export function planMatrix(endpoints: PlanEndpoint[], protocols: Protocol[], timeoutMs: number, port: number): PlannedRequest[] {
  const plan: PlannedRequest[] = [];
  for (const from of endpoints) {
    const others = endpoints.filter((e) => e.name !== from.name);
    if (others.length === 0) continue;
    for (const protocol of protocols) {
      if (protocol === "icmp") {
        plan.push({ from: from.name, protocol, to: others.map((o) => o.name), request: { kind: "icmp", targets: others.map((o) => o.ipv4), timeoutMs } });
      } else {
        for (const to of others)
          plan.push({ from: from.name, protocol, to: [to.name], request: { kind: protocol, target: to.ipv4, port, timeoutMs } });
      }
    }
  }
  return plan;
}

export function probeCount(plan: PlannedRequest[]): number {
  return plan.reduce((n, p) => n + p.to.length, 0);
}
