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
