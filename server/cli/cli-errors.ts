/** A mistake in the command line, said in words; the CLI prints it and exits 1. */
export class CliError extends Error {}

export async function serverAnswers(url: string): Promise<boolean> {
  return fetch(`${url}/api/health`, { signal: AbortSignal.timeout(1500) }).then((r) => r.ok, () => false);
}
