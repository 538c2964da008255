import net from "node:net";
import { JsonStreamSplitter } from "./json-stream-splitter";

/**
 * One call on an OVS daemon's control socket (what `ovs-appctl -t <socket> <method>` does), without
 * spawning ovs-appctl: a cheap "does it answer?" for the health probe. Resolves with the reply's text.
 */
export function unixctlCall(socketPath: string, method: string, params: string[] = [], timeoutMs = 1000): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(socketPath);
    const splitter = new JsonStreamSplitter();
    const done = (err: Error | null, text = "") => {
      clearTimeout(timer);
      socket.destroy();
      if (err) reject(err);
      else resolve(text);
    };
    const timer = setTimeout(() => done(new Error(`${socketPath} did not answer ${method} in ${timeoutMs} ms`)), timeoutMs);
    socket.setEncoding("utf8");
    socket.once("connect", () => socket.write(JSON.stringify({ id: 0, method, params })));
    socket.on("error", (err) => done(new Error(`cannot reach ${socketPath} (${err.message})`)));
    socket.on("close", () => done(new Error(`${socketPath} closed the connection before answering ${method}`)));
    socket.on("data", (chunk: string) => {
      const [text] = splitter.push(chunk);
      if (text === undefined) return;
      let reply: { result?: unknown; error?: unknown };
      try {
        reply = JSON.parse(text) as typeof reply;
      } catch {
        return done(new Error(`${socketPath} answered ${method} with something that is not JSON`));
      }
      if (reply.error) done(new Error(`${method} on ${socketPath}: ${String(reply.error).trim()}`));
      else done(null, String(reply.result ?? ""));
    });
  });
}
