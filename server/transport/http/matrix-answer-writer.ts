import type { ServerResponse } from "node:http";
import type { MatrixRun, ProbeResult } from "../../../lib/contracts/matrix";
import type { MatrixRunning } from "../../operations/lab-operations";

/**
 * Results per piece of text: about 60 kB of a 20-container run's answer. One JSON.stringify of many
 * results costs far less than one per result, and a run's answer goes out in a handful of writes.
 */
const PIECE_RESULTS = 200;

/**
 * A run's results as the text of a JSON array's items, cut in pieces as they land, made once for every
 * request merged onto the run. Each piece leaves out what the answer's head says once (run id) and the
 * landing times (the socket's stream carries them).
 */
class ResultsText {
  readonly pieces: string[] = [];
  private waiting: ProbeResult[] = [];
  private readonly readers = new Set<() => void>();
  private readonly stopFollowing: () => void;

  constructor(running: MatrixRunning) {
    this.stopFollowing = running.follow((result) => {
      this.waiting.push(result);
      if (this.waiting.length >= PIECE_RESULTS) this.cut();
    });
    running.done.then(() => this.finish(), this.stopFollowing);
  }

  /** The run is over: the last piece. Whichever of its writers hears of the end first makes it. */
  finish(): void {
    this.stopFollowing();
    this.cut();
  }

  /** The results still waiting, as a piece: at the end of the run, or when enough landed. */
  cut(): void {
    if (this.waiting.length === 0) return;
    const json = JSON.stringify(this.waiting.map(({ runId: _runId, at: _at, ...answer }) => answer));
    this.waiting = [];
    this.pieces.push(json.slice(1, -1));
    for (const read of this.readers) read();
  }

  /** `read` is called after each new piece until the returned function is called. */
  onPiece(read: () => void): () => void {
    this.readers.add(read);
    return () => this.readers.delete(read);
  }
}

const textOfRun = new WeakMap<MatrixRun, ResultsText>();
function resultsTextOf(running: MatrixRunning): ResultsText {
  let text = textOfRun.get(running.run);
  if (!text) textOfRun.set(running.run, (text = new ResultsText(running)));
  return text;
}

/**
 * The answer to POST /api/matrix, one MatrixAnswer document, written while the run goes: its head and
 * results in pieces as they land, its duration when the last one is in. Most of the serialising and
 * sending is over by then instead of following the run. A run that fails rejects: before anything was
 * written the caller answers with the error's status; after, it cuts the connection, so a cut-off
 * document never passes for an answer.
 */
export async function writeMatrixAnswer(res: ServerResponse, running: MatrixRunning): Promise<void> {
  const results = resultsTextOf(running);
  let written = 0;
  const writeNewPieces = (): string => {
    let out = "";
    if (!res.headersSent) {
      res.writeHead(200, { "content-type": "application/json; charset=utf-8", "cache-control": "no-store" });
      out = `{"runId":${JSON.stringify(running.run.runId)},"merged":${running.merged},"results":[`;
    }
    for (; written < results.pieces.length; written++) out += (written === 0 ? "" : ",") + results.pieces[written];
    return out;
  };
  // The head goes out with the first piece: a small run (the seed lab's 36 results) is written once, at its end.
  const writeOut = () => {
    if (written < results.pieces.length && !res.destroyed) res.write(writeNewPieces());
  };
  writeOut();
  const stopReading = results.onPiece(writeOut);
  res.once("close", stopReading); // a caller that went takes no more
  try {
    const run = await running.done;
    stopReading(); // the last piece goes out with the end, in one write
    results.finish();
    if (!res.destroyed) res.end(`${writeNewPieces()}],"durationMs":${JSON.stringify(run.durationMs)}}`);
  } finally {
    stopReading();
  }
}
