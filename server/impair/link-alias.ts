import { runCommand } from "../run-command/run-command";

/** An interface's ifalias (free text: argv, never `ip -batch`, which would split it on blanks). */
export async function setAlias(ifname: string, alias: string): Promise<void> {
  await runCommand("ip", ["link", "set", "dev", ifname, "alias", alias], { timeoutMs: 5000 });
}
