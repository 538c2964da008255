import { EventEmitter } from "node:events";
import { PassThrough, Writable } from "node:stream";
import type { RelayCommand, RelayReply } from "./worker-protocol";

/**
 * A program the spawn worker runs for this process, used as a ChildProcess is: `stdin`, `stdout`, `stderr`,
 * `kill()`, and the "spawn", "error" and "exit" events. Its input and output cross the worker as JSON lines.
 */
export class RelayedChild extends EventEmitter {
  pid: number | undefined;
  readonly stdout = new PassThrough();
  readonly stderr = new PassThrough();
  readonly stdin: Writable;
  private ended = false;

  constructor(private readonly send: (command: RelayCommand) => void) {
    super();
    this.stdin = new Writable({
      decodeStrings: false,
      write: (chunk: string | Buffer, _encoding, done) => {
        if (this.ended) return done(Object.assign(new Error("write after the program exited"), { code: "EPIPE" }));
        send({ relay: "input", data: chunk.toString() });
        done();
      },
      final: (done) => {
        if (!this.ended) send({ relay: "end" });
        done();
      },
    });
  }

  kill(signal: NodeJS.Signals = "SIGTERM"): boolean {
    if (this.ended) return false;
    this.send({ relay: "kill", signal });
    return true;
  }

  /** What the worker said about this program. */
  receive(reply: RelayReply): void {
    if (reply.relay === "started") {
      this.pid = reply.pid;
      this.emit("spawn");
    } else if (reply.relay === "exit") {
      this.exited(reply.code, reply.signal, reply.startError);
    } else this[reply.relay].write(reply.data);
  }

  /** Its end: as the worker saw it, or the worker's own (`why`). */
  exited(code: number | null, signal: NodeJS.Signals | null, startError?: string): void {
    if (this.ended) return;
    this.ended = true;
    this.stdout.end();
    this.stderr.end();
    if (startError !== undefined) this.emit("error", new Error(startError));
    else this.emit("exit", code, signal);
  }
}
