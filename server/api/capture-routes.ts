import { captureRequestSchema, diagnoseRequestSchema } from "../../lib/contracts/capture-inputs";
import type { ApiRouter } from "./api-router";
import { readJsonBody } from "./http-io";
import type { LabService } from "../lab/lab-service";
import type { HostContext } from "../host/host-context";
import { capturesOf } from "../capture/capture-service";
import { diagnoseProbe, labSource } from "../diagnosis/diagnose-probe";
import { LabError } from "../lab/lab-errors";

const CAPTURE_ID = /^[0-9a-f-]{36}$/;

/** Captures (bounded, answered when they end), their .pcap download, and the failure explanation. */
export function addCaptureRoutes(router: ApiRouter, ctx: HostContext, lab: LabService): void {
  const captures = capturesOf(lab);
  const find = (id: string) => {
    if (!CAPTURE_ID.test(id)) throw new LabError("invalid", "a capture id is the UUID POST /api/captures answered with");
    return captures.get(id);
  };
  router
    .add("POST", "/api/captures", async ({ req }) => {
      const request = captureRequestSchema.parse(await readJsonBody(req));
      const stream = await captures.start(request);
      return stream.done;
    })
    .add("GET", "/api/captures/:id", async ({ params }) => {
      const stream = find(params.id);
      return { ...stream.summary(), packets: stream.packets };
    })
    .add("GET", "/api/captures/:id/pcap", async ({ params }) => {
      const stream = find(params.id);
      const name = `ovs-lab-${lab.labId}-${stream.target.interfaceId.replace(/[^A-Za-z0-9_.-]/g, "_")}-${stream.id.slice(0, 8)}.pcap`;
      return new Response(new Uint8Array(stream.pcap()), {
        status: 200,
        headers: { "content-type": "application/vnd.tcpdump.pcap", "content-disposition": `attachment; filename="${name}"`, "cache-control": "no-store" },
      });
    })
    .add("POST", "/api/diagnose", async ({ req }) => {
      const request = diagnoseRequestSchema.parse(await readJsonBody(req));
      return diagnoseProbe(ctx, labSource(lab), captures, request);
    });
}
