import { spawn, type IPty } from "node-pty";
import { commandLine } from "./run-command";

export interface PtyOptions {
  /** Run inside this network namespace (a path such as /proc/PID/ns/net or /run/netns/NAME); null: the host's. */
  netns: string | null;
  cols: number;
  rows: number;
  /** Variables for the shell (its prompt, the interface it was opened for); merged over a small fixed base. */
  env: Record<string, string>;
}

/**
 * An interactive bash on a real PTY (node-pty), through the same allowlist as every other program:
 * argument arrays, no shell string, the namespace entered with nsenter. Nothing a user typed is in
 * the command line; what they type goes to the shell's terminal.
 */
export function spawnShellPty(options: PtyOptions): IPty {
  // A login shell with huponexit: on `exit` its background jobs get SIGHUP too, not only on a close.
  const [bin, argv] = commandLine("bash", ["--noprofile", "--norc", "-O", "huponexit", "-l", "-i"], options.netns);
  return spawn(bin, argv, {
    name: "xterm-256color",
    cols: options.cols,
    rows: options.rows,
    cwd: "/root",
    env: {
      PATH: "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
      HOME: "/root",
      LANG: "C.UTF-8",
      TERM: "xterm-256color",
      ...options.env,
    },
  });
}
