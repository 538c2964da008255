import { pathExplainRequestSchema } from "../../lib/contracts/path-explain";
import { explainPath } from "../path/explain-path";
import { defineOperation } from "./operation";

/** Traces a cell's packet and runs its probe once: it changes nothing, but it probes, so it is the operator's (as "why did it fail?"). */
export const pathExplain = defineOperation({
  name: "path explanation",
  access: "operator",
  input: pathExplainRequestSchema,
  run: ({ ctx, lab }, request) => explainPath(ctx, lab, request),
});
