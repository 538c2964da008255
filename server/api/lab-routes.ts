import { z } from "zod";
import { labUpRequestSchema, matrixRequestSchema, offloadChangeSchema } from "../../lib/contracts/api-inputs";
import type { ApiRouter } from "./api-router";
import { readJsonBody } from "./http-io";
import { loadTemplate, listTemplates, parseLabSpec } from "../lab/templates";
import { readHostFacts } from "../host/host-facts";
import type { LabService } from "../lab/lab-service";
import type { HostContext } from "../host/host-context";
import { LabError } from "../lab/lab-errors";

function parse<T extends z.ZodType>(schema: T, body: unknown): z.infer<T> {
  return schema.parse(body);
}

export function addLabRoutes(router: ApiRouter, ctx: HostContext, lab: LabService): void {
  router
    .add("GET", "/api/health", async () => ({ ok: true, labId: lab.labId, host: await readHostFacts(ctx) }))
    .add("GET", "/api/templates", async () => ({ templates: await listTemplates(ctx.config.projectRoot) }))
    .add("GET", "/api/topology", () => lab.topology())
    .add("GET", "/api/interfaces", async () => ({ interfaces: (await lab.topology()).interfaces }))
    .add("GET", "/api/interfaces/:id", ({ params }) => lab.interfaceById(params.id))
    .add("POST", "/api/interfaces/:id/offload", async ({ req, params }) => {
      const changes = parse(offloadChangeSchema, await readJsonBody(req));
      const iface = await lab.setOffload(params.id, changes);
      return { id: iface.id, offload: iface.offload };
    })
    .add("POST", "/api/lab/up", async ({ req }) => {
      const body = parse(labUpRequestSchema, await readJsonBody(req));
      const spec =
        body.spec !== undefined ? parseLabSpec(body.spec, "spec") : await loadTemplate(ctx.config.projectRoot, body.template ?? "seed");
      return { labId: spec.id, topology: await lab.up(spec) };
    })
    .add("POST", "/api/lab/down", async () => ({ labId: lab.labId, ...(await lab.down()) }))
    .add("GET", "/api/matrix/latest", async () => {
      if (!lab.lastRun) throw new LabError("notFound", "no matrix has run yet; POST /api/matrix");
      return lab.lastRun;
    })
    .add("POST", "/api/matrix", async ({ req }) => {
      const body = parse(matrixRequestSchema, await readJsonBody(req));
      const pairs = body.pairs ? new Set(body.pairs.map(([a, b]) => `${a}>${b}`)) : undefined;
      const run = await lab.runMatrix(body.protocols, body.timeoutMs ?? ctx.config.probeTimeoutMs, pairs);
      return { runId: run.runId, durationMs: run.durationMs, results: run.results.map(({ runId: _r, at: _a, ...r }) => r) };
    });
}
