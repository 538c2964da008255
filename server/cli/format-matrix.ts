import { PROTOCOLS, type Protocol } from "../../lib/contracts/matrix";

export interface MatrixRow {
  from: string;
  to: string;
  protocol: Protocol;
  ok: boolean;
  rttMs: number | null;
  error: string | null;
  /** For a bad checksum: whose kernel dropped the packet. */
  droppedBy?: string;
}

const cell = (r: MatrixRow | undefined) =>
  !r ? "·" : r.ok ? `ok ${r.rttMs?.toFixed(2)}ms` : r.droppedBy ? `FAIL csum@${r.droppedBy}` : `FAIL ${r.error}`;

/** One grid per protocol: rows are sources, columns destinations. */
export function formatMatrix(rows: MatrixRow[], endpointOrder?: string[]): string {
  const names = endpointOrder ?? [...new Set(rows.flatMap((r) => [r.from, r.to]))];
  const protocols = PROTOCOLS.filter((p) => rows.some((r) => r.protocol === p));
  const width = Math.max(14, ...names.map((n) => n.length + 2));
  const pad = (s: string) => s.padEnd(width);
  return protocols
    .map((p) => {
      const header = pad(`${p.toUpperCase()} from\\to`) + names.map(pad).join("");
      const lines = names.map(
        (from) => pad(from) + names.map((to) => pad(from === to ? "—" : cell(rows.find((r) => r.protocol === p && r.from === from && r.to === to)))).join(""),
      );
      return [header, ...lines].join("\n");
    })
    .join("\n\n");
}
