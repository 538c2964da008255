import { spawn } from "node:child_process";
import type Docker from "dockerode";
import { LAB_LABEL } from "../../lib/lab-spec/names";
import { dieWithParent } from "../run-command/die-with-parent";
import type { StartStream } from "./supervise";

/** The Docker event stream for the lab's containers; ends when dockerd closes it or goes away. */
export function dockerEvents(docker: Docker, labId: string, onEvent: () => void): StartStream {
  return async (ended) => {
    const filters = { type: ["container" as const], label: [`${LAB_LABEL}=${labId}`] };
    const events = (await docker.getEvents({ filters })) as NodeJS.ReadableStream & { destroy(): void };
    events.on("data", onEvent);
    events.on("error", (err: Error) => ended(`Docker event stream failed: ${err.message}`));
    events.on("end", () => ended("dockerd closed the event stream"));
    events.on("close", () => ended("dockerd closed the event stream"));
    return () => events.destroy();
  };
}

/** `ip monitor link address` in the root namespace; ends when the child exits. */
export function ipMonitor(onEvent: (chunk: string) => void): StartStream {
  return async (ended) => {
    const child = spawn(...dieWithParent("ip", ["monitor", "link", "address"]), { shell: false, stdio: ["ignore", "pipe", "ignore"] });
    child.stdout.setEncoding("utf8").on("data", onEvent);
    child.on("error", (err) => ended(`ip monitor could not run: ${err.message}`));
    child.on("exit", (code, signal) => ended(`ip monitor exited (${signal ?? code})`));
    return () => void child.kill();
  };
}
