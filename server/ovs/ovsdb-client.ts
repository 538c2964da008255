import net from "node:net";
import { EventEmitter } from "node:events";
import { JsonStreamSplitter } from "./json-stream-splitter";

type Pending = { resolve: (v: unknown) => void; reject: (e: Error) => void };

export interface TableUpdates {
  [table: string]: { [uuid: string]: { old?: Record<string, unknown>; new?: Record<string, unknown> } };
}

/** A minimal OVSDB JSON-RPC client (RFC 7047) over the server's unix socket. */
export class OvsdbClient extends EventEmitter<{ update: [TableUpdates]; close: [] }> {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly splitter = new JsonStreamSplitter();

  private constructor(private readonly socket: net.Socket) {
    super();
    socket.setEncoding("utf8");
    socket.on("data", (chunk: string) => this.splitter.push(chunk).forEach((text) => this.dispatch(text)));
    socket.on("close", () => {
      for (const p of this.pending.values()) p.reject(new Error("OVSDB connection closed"));
      this.pending.clear();
      this.emit("close");
    });
    socket.on("error", () => undefined);
  }

  static connect(socketPath: string, timeoutMs = 3000): Promise<OvsdbClient> {
    return new Promise((resolve, reject) => {
      const socket = net.connect(socketPath);
      const timer = setTimeout(() => {
        socket.destroy();
        reject(new Error(`OVSDB at ${socketPath} did not answer in ${timeoutMs} ms`));
      }, timeoutMs);
      socket.once("connect", () => {
        clearTimeout(timer);
        resolve(new OvsdbClient(socket));
      });
      socket.once("error", (err) => {
        clearTimeout(timer);
        reject(new Error(`cannot reach OVSDB at ${socketPath} (${err.message}); is ovsdb-server running?`));
      });
    });
  }

  request(method: string, params: unknown[], timeoutMs = 5000): Promise<unknown> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`OVSDB ${method} timed out after ${timeoutMs} ms`));
      }, timeoutMs);
      this.pending.set(id, {
        resolve: (v) => (clearTimeout(timer), resolve(v)),
        reject: (e) => (clearTimeout(timer), reject(e)),
      });
      this.socket.write(JSON.stringify({ id, method, params }));
    });
  }

  async selectAll(table: string, columns: string[]): Promise<Record<string, unknown>[]> {
    const result = (await this.request("transact", [
      "Open_vSwitch",
      { op: "select", table, where: [], columns: ["_uuid", ...columns] },
    ])) as { rows?: Record<string, unknown>[]; error?: string }[];
    if (result[0]?.error) throw new Error(`OVSDB select ${table}: ${result[0].error}`);
    return result[0]?.rows ?? [];
  }

  /** Ask for change notifications on these tables; they arrive as "update" events. */
  async monitor(tables: Record<string, string[]>): Promise<void> {
    const requests = Object.fromEntries(Object.entries(tables).map(([t, columns]) => [t, { columns }]));
    await this.request("monitor", ["Open_vSwitch", "ovs-lab", requests]);
  }

  close(): void {
    this.socket.destroy();
  }

  private dispatch(text: string): void {
    let msg: { id?: number | string | null; method?: string; params?: unknown[]; result?: unknown; error?: unknown };
    try {
      msg = JSON.parse(text);
    } catch {
      return;
    }
    if (msg.method === "echo") {
      this.socket.write(JSON.stringify({ id: msg.id, result: msg.params, error: null }));
    } else if (msg.method === "update" && msg.params) {
      this.emit("update", msg.params[1] as TableUpdates);
    } else if (typeof msg.id === "number" && this.pending.has(msg.id)) {
      const p = this.pending.get(msg.id)!;
      this.pending.delete(msg.id);
      if (msg.error) p.reject(new Error(`OVSDB error: ${JSON.stringify(msg.error)}`));
      else p.resolve(msg.result);
    }
  }
}
