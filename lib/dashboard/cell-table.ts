import type { ProbeResult } from "../contracts/matrix";

/** A matrix cell: its last result, and whether a re-test of it is queued or running. */
export interface Cell {
  result: ProbeResult | null;
  pending: boolean;
}

type Row = ReadonlyMap<string, Cell>;

/** `tcp:c1>c2` (see cellKey) → the row `tcp:c1` (a protocol and a sender) and the receiver `c2`. */
function split(key: string): [row: string, to: string] {
  const at = key.lastIndexOf(">");
  return [key.slice(0, at), key.slice(at + 1)];
}

/**
 * Every matrix cell by its key, immutable, stored in rows (one per protocol and sender): a change copies
 * the rows it touches and shares the others. A 100-endpoint lab has 30,300 cells; copying them all for
 * every batch of results (as an object spread does) took longer than a frame. A row that did not change
 * is the same object in the next table, so work done per row (a summary, a painted row) can be kept.
 */
export class CellTable {
  static readonly EMPTY = new CellTable(new Map(), 0);

  private constructor(
    private readonly byRow: ReadonlyMap<string, Row>,
    readonly size: number,
  ) {}

  static from(entries: Iterable<readonly [string, Cell]>): CellTable {
    return CellTable.EMPTY.with(entries);
  }

  get(key: string): Cell | undefined {
    const [row, to] = split(key);
    return this.byRow.get(row)?.get(to);
  }

  /** The cells of one protocol and sender (`tcp:c1`) by receiver. */
  row(rowKey: string): Row | undefined {
    return this.byRow.get(rowKey);
  }

  rows(): IterableIterator<[string, Row]> {
    return this.byRow.entries();
  }

  *entries(): IterableIterator<[string, Cell]> {
    for (const [row, cells] of this.byRow) for (const [to, cell] of cells) yield [`${row}>${to}`, cell];
  }

  /** A table with these cells set (a later one for the same key wins); the rows not touched are shared. */
  with(changes: Iterable<readonly [string, Cell]>): CellTable {
    const edit = this.edit();
    for (const [key, cell] of changes) {
      const [rowKey, to] = split(key);
      edit.set(rowKey, to, cell);
    }
    return edit.done();
  }

  /** A table with these results settled in their cells (no key built or split for each one). */
  withResults(results: Iterable<ProbeResult>): CellTable {
    const edit = this.edit();
    for (const r of results) edit.set(`${r.protocol}:${r.from}`, r.to, { result: r, pending: false });
    return edit.done();
  }

  /** Every cell passed through `f`; rows in which `f` changed nothing are shared. */
  map(f: (cell: Cell) => Cell): CellTable {
    const edit = this.edit();
    for (const [rowKey, row] of this.byRow)
      for (const [to, cell] of row) {
        const next = f(cell);
        if (next !== cell) edit.set(rowKey, to, next);
      }
    return edit.done();
  }

  /** Copy-on-write: the first change to a row copies it, the first change at all copies the row index. */
  private edit(): { set: (rowKey: string, to: string, cell: Cell) => void; done: () => CellTable } {
    let byRow: Map<string, Row> | null = null;
    const copied = new Map<string, Map<string, Cell>>();
    let size = this.size;
    const set = (rowKey: string, to: string, cell: Cell) => {
      let row = copied.get(rowKey);
      if (!row) {
        row = new Map(this.byRow.get(rowKey));
        copied.set(rowKey, row);
        byRow ??= new Map(this.byRow);
        byRow.set(rowKey, row);
      }
      if (!row.has(to)) size++;
      row.set(to, cell);
    };
    return { set, done: () => (byRow ? new CellTable(byRow, size) : this) };
  }
}

/** What the grids read cells from: the live table, or a plain record (a snapshot's). */
export type CellLookup = CellTable | Readonly<Record<string, Cell>>;

export function cellOf(cells: CellLookup, key: string): Cell | undefined {
  return cells instanceof CellTable ? cells.get(key) : cells[key];
}
