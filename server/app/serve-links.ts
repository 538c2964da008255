import os from "node:os";

/** The addresses a person on the network would type: this machine's own, not the labs' or Docker's. */
export function reachableAddresses(bindHost: string): string[] {
  if (bindHost !== "0.0.0.0" && bindHost !== "::") return [bindHost];
  const own = Object.entries(os.networkInterfaces()).flatMap(([name, addresses]) =>
    /^(docker\d*|br-|veth|ovs|dpdk)|[-_]/.test(name) ? [] : (addresses ?? []).filter((a) => a.family === "IPv4" && !a.internal).map((a) => a.address),
  );
  return ["localhost", ...own];
}

/** What `npm run up` prints: where it listens, the operator link (with the token) and the viewer link. */
export function serveBanner(bindHost: string, port: number, token: string, tokenSource: string): string[] {
  const addresses = reachableAddresses(bindHost);
  const first = addresses.find((a) => a !== "localhost") ?? "localhost";
  return [
    `[ovs-lab] listening on ${bindHost}:${port}: ${addresses.map((a) => `http://${a}:${port}`).join("  ")}`,
    `[ovs-lab] operator link (keep it to yourself; token ${tokenSource}):`,
    `    http://${first}:${port}/?token=${token}`,
    `[ovs-lab] viewer link (share it with the class; read-only):`,
    `    http://${first}:${port}/?view=viewer`,
  ];
}
