/** One program to run, as the server asks the spawn worker (argv only; the worker never uses a shell). */
export interface SpawnRequest {
  id: number;
  file: string;
  args: string[];
  argv0?: string;
  input?: string;
  /** Set in the program's environment, over the worker's own. */
  env?: Record<string, string>;
  timeoutMs: number;
}

export interface SpawnReply {
  id: number;
  stdout: string;
  stderr: string;
  /** null when the program could not start or was killed. */
  code: number | null;
  timedOut: boolean;
  /** Why it could not start (ENOENT, ...). */
  startError?: string;
}

/**
 * A long-lived program whose stdio the server uses (a probe agent), started here so that the server never forks:
 * `start` it, write to its stdin (`input`, `end`), signal it (`kill`). Its stdout and stderr come back as they come,
 * then its exit. Ids are the server's, one per program, shared with no SpawnRequest.
 */
export type RelayCommand =
  | { relay: "start"; file: string; args: string[] }
  | { relay: "input"; data: string }
  | { relay: "end" }
  | { relay: "kill"; signal: NodeJS.Signals };
export type RelayRequest = RelayCommand & { id: number };

export type RelayReply =
  | { id: number; relay: "started"; pid: number }
  | { id: number; relay: "stdout" | "stderr"; data: string }
  /** startError: why it could not start (ENOENT, ...); then code and signal are null. */
  | { id: number; relay: "exit"; code: number | null; signal: NodeJS.Signals | null; startError?: string };
