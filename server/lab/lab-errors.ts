/** Errors a user caused or can fix, with the HTTP status that says so. */
export const LAB_ERROR_CODES = {
  conflict: 409,
  notFound: 404,
  invalid: 400,
  unavailable: 503,
  /** The snapshot store reached its limits (number or total size): delete snapshots to make room. */
  storageFull: 507,
  /** Too much is already waiting (matrix runs, lab changes): try again after `retryAfterS`. */
  busy: 429,
} as const;
export type LabErrorCode = keyof typeof LAB_ERROR_CODES;

export class LabError extends Error {
  constructor(
    readonly code: LabErrorCode,
    message: string,
    /** For `busy`: when trying again makes sense (the Retry-After header). */
    readonly retryAfterS?: number,
  ) {
    super(message);
    this.name = "LabError";
  }
}
