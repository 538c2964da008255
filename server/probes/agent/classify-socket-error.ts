import type { ProbeError } from "../../../lib/contracts/matrix";

export function classifySocketError(err: NodeJS.ErrnoException): { error: ProbeError; detail: string } {
  const code = err.code ?? "";
  const error: ProbeError =
    code === "ECONNREFUSED" ? "refused"
    : code === "ENETUNREACH" ? "no-route"
    : code === "EHOSTUNREACH" || code === "EHOSTDOWN" ? "unreachable"
    : code === "ETIMEDOUT" ? "timeout"
    : "failed";
  return { error, detail: code || err.message };
}
