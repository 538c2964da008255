import type net from "node:net";
import { EventEmitter } from "node:events";
import { JsonStreamSplitter } from "./json-stream-splitter";
import { Backoff } from "../host/backoff";
import { OvsdbUnavailableError, openSocket } from "./ovsdb-socket";

export { OvsdbUnavailableError };

type Pending = { resolve: (v: unknown) => void; reject: (e: Error) => void };
type MonitorRequests = Record<string, { columns: string[] }>;

export interface TableUpdates {
  [table: string]: { [uuid: string]: { old?: Record<string, unknown>; new?: Record<string, unknown> } };
}

export interface OvsdbClientEvents {
  update: [TableUpdates];
  /** The connection was lost; the client reconnects by itself (unless made with reconnect: false). */
  disconnected: [Error];
  /** Connected again with every monitor re-established: anything may have changed meanwhile. */
  reconnected: [];
  /** Closed for good: close() was called, or the connection was lost with reconnect: false. */
  close: [];
}

export interface OvsdbClientOptions {
  /** Reconnect with backoff when the socket closes (default true); short-lived clients say false. */
  reconnect?: boolean;
  backoff?: { firstMs: number; maxMs: number };
}

/** A minimal OVSDB JSON-RPC client (RFC 7047) over the server's unix socket, which survives ovsdb-server restarts. */
export class OvsdbClient extends EventEmitter<OvsdbClientEvents> {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly monitors = new Map<string, MonitorRequests>();
  private socket: net.Socket | null = null;
  private splitter = new JsonStreamSplitter();
  private closed = false;
  private downSince: Date | null = null;
  private lastError = "";
  private retryTimer: NodeJS.Timeout | null = null;
  private readonly backoff: Backoff;

  private constructor(
    readonly socketPath: string,
    socket: net.Socket,
    private readonly options: OvsdbClientOptions,
  ) {
    super();
    this.backoff = new Backoff(options.backoff?.firstMs ?? 100, options.backoff?.maxMs ?? 2000);
    this.attach(socket);
  }

  static async connect(socketPath: string, timeoutMs = 3000, options: OvsdbClientOptions = {}): Promise<OvsdbClient> {
    return new OvsdbClient(socketPath, await openSocket(socketPath, timeoutMs), options);
  }

  get connected(): boolean {
    return this.socket !== null;
  }

  /** Since when the connection is lost, and why; null while connected. */
  get outage(): { since: Date; reason: string } | null {
    return this.downSince ? { since: this.downSince, reason: this.lastError } : null;
  }

  request(method: string, params: unknown[], timeoutMs = 5000): Promise<unknown> {
    const socket = this.socket;
    if (!socket) return Promise.reject(this.unavailable());
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`OVSDB ${method} timed out after ${timeoutMs} ms (${this.socketPath})`));
      }, timeoutMs);
      this.pending.set(id, {
        resolve: (v) => (clearTimeout(timer), resolve(v)),
        reject: (e) => (clearTimeout(timer), reject(e)),
      });
      socket.write(JSON.stringify({ id, method, params }));
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

  /**
   * Sets one key of the Open_vSwitch row's other_config. Answers once ovsdb-server committed it; ovs-vswitchd
   * applies it as it reads the change (ovs-vsctl would also wait for the switch's whole reconfiguration).
   */
  async setOtherConfig(key: string, value: string): Promise<void> {
    const result = (await this.request("transact", [
      "Open_vSwitch",
      {
        op: "mutate",
        table: "Open_vSwitch",
        where: [],
        mutations: [
          ["other_config", "delete", ["set", [key]]],
          ["other_config", "insert", ["map", [[key, value]]]],
        ],
      },
    ])) as { count?: number; error?: string; details?: string }[];
    if (result[0]?.error) throw new Error(`OVSDB other_config:${key}=${value}: ${result[0].error}${result[0].details ? ` (${result[0].details})` : ""}`);
  }

  /** Ask for change notifications on these tables; they arrive as "update" events, also after a reconnect. */
  async monitor(tables: Record<string, string[]>): Promise<void> {
    const requests = Object.fromEntries(Object.entries(tables).map(([t, columns]) => [t, { columns }]));
    const monitorId = `ovs-lab-${this.monitors.size + 1}`;
    // Kept first: a connection lost before the answer still gets this monitor back on reconnect.
    this.monitors.set(monitorId, requests);
    await this.request("monitor", ["Open_vSwitch", monitorId, requests]).catch((err: unknown) => {
      if (!(err instanceof OvsdbUnavailableError)) this.monitors.delete(monitorId);
      throw err;
    });
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    const socket = this.socket;
    if (socket) socket.destroy();
    else this.emit("close");
  }

  private unavailable(): Error {
    if (this.closed) return new Error(`OVSDB client for ${this.socketPath} is closed`);
    return new OvsdbUnavailableError(this.socketPath, this.downSince ?? new Date(), this.lastError || "connection lost");
  }

  private attach(socket: net.Socket): void {
    this.socket = socket;
    this.splitter = new JsonStreamSplitter();
    socket.setEncoding("utf8");
    socket.on("data", (chunk: string) => this.splitter.push(chunk).forEach((text) => this.dispatch(text)));
    socket.on("error", (err) => (this.lastError = err.message));
    socket.on("close", () => this.lost(socket));
  }

  private lost(socket: net.Socket): void {
    if (this.socket !== socket) return;
    this.socket = null;
    const wasUp = this.downSince === null;
    this.downSince ??= new Date();
    this.lastError ||= "ovsdb-server closed the connection";
    const error = this.unavailable();
    for (const p of this.pending.values()) p.reject(error);
    this.pending.clear();
    if (this.closed || this.options.reconnect === false) {
      this.closed = true;
      this.emit("close");
      return;
    }
    if (wasUp) this.emit("disconnected", error);
    this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    this.retryTimer = setTimeout(() => void this.reconnect(), this.backoff.next());
    this.retryTimer.unref();
  }

  private async reconnect(): Promise<void> {
    this.retryTimer = null;
    if (this.closed) return;
    const socket = await openSocket(this.socketPath, 1000).catch((err: Error) => void (this.lastError = err.message));
    if (!socket) return this.scheduleReconnect();
    if (this.closed) return void socket.destroy();
    this.attach(socket);
    try {
      for (const [monitorId, requests] of this.monitors) await this.request("monitor", ["Open_vSwitch", monitorId, requests]);
    } catch (err) {
      // The socket went again (or the server refused): the close handler schedules the next try.
      this.lastError = err instanceof Error ? err.message : String(err);
      return void socket.destroy();
    }
    this.downSince = null;
    this.lastError = "";
    this.backoff.reset();
    this.emit("reconnected");
  }

  private dispatch(text: string): void {
    let msg: { id?: number | string | null; method?: string; params?: unknown[]; result?: unknown; error?: unknown };
    try {
      msg = JSON.parse(text);
    } catch {
      return;
    }
    if (msg.method === "echo") {
      this.socket?.write(JSON.stringify({ id: msg.id, result: msg.params, error: null }));
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
