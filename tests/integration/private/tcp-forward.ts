import net from "node:net";

/**
 * 127.0.0.1:port on this host forwarded to address:port (a server inside a network namespace).
 * It listens only once the server answers: a connection accepted and then closed (nothing behind it
 * yet) can leave a fetch waiting forever, where a refused one fails at once. Returns a disposer.
 */
export function forwardPort(port: number, address: string): () => void {
  let stopped = false;
  let server: net.Server | null = null;
  const open = new Set<net.Socket>();
  const answers = () =>
    new Promise<boolean>((resolve) => {
      const probe = net.connect(port, address);
      probe.once("connect", () => (probe.destroy(), resolve(true)));
      probe.once("error", () => resolve(false));
    });
  void (async () => {
    while (!stopped && !(await answers())) await new Promise((r) => setTimeout(r, 100));
    if (stopped) return;
    server = net.createServer((client) => {
      const upstream = net.connect(port, address);
      [client, upstream].forEach((s) => (open.add(s), s.once("close", () => open.delete(s))));
      client.pipe(upstream).pipe(client);
      const close = () => (client.destroy(), upstream.destroy());
      client.on("error", close);
      upstream.on("error", close);
    });
    server.on("error", (err) => console.warn(`[fault-test] forwarding 127.0.0.1:${port}: ${err.message}`));
    server.listen(port, "127.0.0.1");
  })();
  return () => {
    stopped = true;
    server?.close();
    open.forEach((s) => s.destroy());
  };
}
