import { runCommand } from "../run-command/run-command";
import type { NetnsRef } from "./ip-links";

/** `ip -batch` splits lines on blanks and reads quotes and `#`: an argument must be a plain word. */
const BATCH_WORD = /^[A-Za-z0-9_.:/@+-]+$/;

/**
 * Several `ip` commands in one process (`ip -batch -`), in one namespace: a lab of a hundred
 * endpoints costs a handful of processes instead of hundreds. The first command that fails
 * stops the batch and fails the call, naming that command.
 */
export async function ipBatch(commands: string[][], netns: NetnsRef = null): Promise<void> {
  if (commands.length === 0) return;
  for (const args of commands) {
    const bad = args.find((a) => !BATCH_WORD.test(a));
    if (bad !== undefined) throw new Error(`not a plain word for ip -batch: ${JSON.stringify(bad)} in "${args.join(" ")}"`);
  }
  await runCommand("ip", ["-batch", "-"], { netns, input: commands.map((c) => c.join(" ")).join("\n") + "\n", timeoutMs: 30_000 });
}
