/**
 * The environment of a node process this server starts for its own work (probe agents, the spawn worker):
 * the server's, without what only makes such a child slower or changes how it runs. Neither makes a TLS
 * connection, and a NODE_EXTRA_CA_CERTS bundle is parsed at every start: with Debian's 140 roots, a node
 * start here took 123 ms of CPU instead of 39 (a 100-container lab starts 101 agents). NODE_OPTIONS is
 * the caller's shell's, for the server; the children's flags are set where they are spawned.
 */
export function nodeChildEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ...extra };
  delete env.NODE_EXTRA_CA_CERTS;
  delete env.NODE_OPTIONS;
  return env;
}
