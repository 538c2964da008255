import type { LabSocket } from "../use-lab-socket";

type Sink = (data: string) => void;

/** Output that arrives before its view is drawn is kept, up to this much per terminal. */
const PENDING_MAX = 256 * 1024;

/**
 * Routes the socket's terminal output to each terminal's view by id (the server sends a page only
 * its own terminals' output); what comes before a view is ready waits for it.
 */
export class TerminalStreams {
  private socket: LabSocket | null = null;
  private readonly sinks = new Map<string, Sink>();
  private readonly pending = new Map<string, string>();
  private dispose: (() => void) | null = null;

  constructor(private readonly onEnd: (id: string, message: string) => void) {}

  /** Listens on this socket (once; a new socket replaces the old one). */
  use(socket: LabSocket): void {
    if (this.socket === socket) return;
    this.dispose?.();
    this.socket = socket;
    const onOutput = ({ id, data }: { id: string; data: string }) => {
      const sink = this.sinks.get(id);
      if (sink) return sink(data);
      this.pending.set(id, ((this.pending.get(id) ?? "") + data).slice(-PENDING_MAX));
    };
    const onExit = ({ id, message }: { id: string; message: string }) => this.onEnd(id, message);
    // The server closes a page's terminals when its connection drops: they do not come back with it.
    const onDisconnect = () => [...this.sinks.keys()].forEach((id) => this.onEnd(id, "the connection to the server dropped, which closed this terminal"));
    socket.on("terminal:output", onOutput);
    socket.on("terminal:exit", onExit);
    socket.on("disconnect", onDisconnect);
    this.dispose = () => {
      socket.off("terminal:output", onOutput);
      socket.off("terminal:exit", onExit);
      socket.off("disconnect", onDisconnect);
    };
  }

  /** The view of terminal `id` is ready: it gets what waited, then everything as it comes. */
  connect(id: string, sink: Sink): () => void {
    const waiting = this.pending.get(id);
    this.pending.delete(id);
    if (waiting) sink(waiting);
    this.sinks.set(id, sink);
    return () => {
      if (this.sinks.get(id) === sink) this.sinks.delete(id);
    };
  }

  drop(id: string): void {
    this.sinks.delete(id);
    this.pending.delete(id);
  }

  stop(): void {
    this.dispose?.();
    this.dispose = null;
    this.socket = null;
  }
}
