/** A mistake in the command line, said in words; the CLI prints it and exits 1. */
export class CliError extends Error {}

export async function serverAnswers(url: string): Promise<boolean> {
  // 503 is a server that answers with a daemon down: it is there, and says which.
  return fetch(`${url}/api/health`, { signal: AbortSignal.timeout(1500) }).then((r) => r.ok || r.status === 503, () => false);
}
