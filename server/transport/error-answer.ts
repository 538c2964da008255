import { randomUUID } from "node:crypto";
import { z } from "zod";
import { ACCESS_ERROR_STATUS } from "../../lib/contracts/access";
import { AccessError } from "../auth/authorize";
import type { Caller } from "../auth/caller";
import { LAB_ERROR_CODES, LabError } from "../lab/lab-errors";
import { HttpError } from "./http/http-io";

export interface ErrorAnswer {
  status: number;
  code: string;
  message: string;
  /** Seconds, for 429: sent as Retry-After. */
  retryAfterS?: number;
}

/**
 * Any failure as an answer both transports send. Errors a user can act on keep their message;
 * an unexpected one is logged with an id, and only the operator sees its text (it may hold
 * command lines and stderr).
 */
export function errorAnswer(err: unknown, caller: Caller | null, context: string): ErrorAnswer {
  if (err instanceof AccessError) return { status: ACCESS_ERROR_STATUS[err.code], code: err.code, message: err.message };
  if (err instanceof HttpError) return { status: err.status, code: err.code, message: err.message };
  if (err instanceof LabError) return { status: LAB_ERROR_CODES[err.code], code: err.code, message: err.message, ...(err.retryAfterS ? { retryAfterS: err.retryAfterS } : {}) };
  if (err instanceof z.ZodError)
    return { status: 400, code: "invalid", message: err.issues.map((i) => `${i.path.join(".") || "(body)"}: ${i.message}`).join("; ") };
  const id = randomUUID().slice(0, 8);
  console.error(`[ovs-lab] ${context} failed (error ${id}):`, err);
  const detail = err instanceof Error ? err.message : String(err);
  const message = caller?.role === "operator" ? `${detail} (error ${id})` : `internal error ${id}; the operator finds the details in the server log`;
  return { status: 500, code: "internal", message };
}
