import { z } from "zod";

/** What the presenter shows, for the pages that follow them: the highlighted cell or node, the open panel, the step. */
export const presenterStateSchema = z
  .object({
    /** A matrix cell, `tcp:c1>c2` (cellKey). */
    cell: z.string().max(64).nullable().default(null),
    /** A graph node id. */
    node: z.string().max(64).nullable().default(null),
    panel: z.enum(["matrix", "graph", "interface", "diagnosis", "capture"]).nullable().default(null),
    /** A scenario step id, in a class. */
    step: z.string().max(64).nullable().default(null),
  })
  .strict();
export type PresenterSelection = z.infer<typeof presenterStateSchema>;

export interface PresenterState extends PresenterSelection {
  labId: string;
  /** Counts up with every change: a page applies only newer states. */
  seq: number;
  at: string;
}
