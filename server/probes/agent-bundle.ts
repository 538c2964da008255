import { bundledScript } from "../run-command/script-bundle";

/** The probe agent as one .mjs file that node runs inside a namespace. */
export function agentScript(projectRoot: string): Promise<string> {
  return bundledScript(projectRoot, "server/probes/agent/agent-main.ts", "probe-agent");
}
