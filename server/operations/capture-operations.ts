import { z } from "zod";
import { captureRequestSchema, diagnoseRequestSchema } from "../../lib/contracts/capture-inputs";
import type { CaptureSummary } from "../../lib/contracts/capture";
import { diagnoseProbe, labSource } from "../diagnosis/diagnose-probe";
import { defineOperation } from "./operation";

const captureId = z.object({ id: z.string().regex(/^[0-9a-f-]{36}$/, "a capture id: the UUID the capture was started with") }).strict();

/** A bounded capture, answered with its packets when it ends (HTTP). */
export const captureRun = defineOperation({
  name: "capture",
  access: "operator",
  input: captureRequestSchema,
  run: async ({ captures }, request) => (await captures.start(request)).done,
});

/** What a transport holds of a running capture: enough to answer and to stop it when its page leaves. */
export interface LiveCapture {
  id: string;
  summary: () => CaptureSummary;
  stop: () => void;
  once: (event: "end", listener: (summary: CaptureSummary) => void) => unknown;
}

/** The same capture, answered once tcpdump runs; packets stream to every page (the socket). */
export const captureStart = defineOperation({
  name: "capture",
  access: "operator",
  input: captureRequestSchema,
  run: async ({ captures }, request): Promise<LiveCapture> => captures.start(request),
});

export const captureStop = defineOperation({
  name: "capture stop",
  access: "operator",
  input: captureId,
  run: async ({ captures }, { id }) => {
    const stream = captures.get(id);
    stream.stop();
    await stream.done;
    return stream.summary();
  },
});

export const captureGet = defineOperation({
  name: "capture",
  access: "viewer",
  input: captureId,
  run: ({ captures }, { id }) => {
    const stream = captures.get(id);
    return { ...stream.summary(), packets: stream.packets };
  },
});

export const capturePcap = defineOperation({
  name: "capture download",
  access: "viewer",
  input: captureId,
  run: ({ captures, lab }, { id }) => {
    const stream = captures.get(id);
    const iface = stream.target.interfaceId.replace(/[^A-Za-z0-9_.-]/g, "_");
    return { fileName: `ovs-lab-${lab.labId}-${iface}-${stream.id.slice(0, 8)}.pcap`, bytes: stream.pcap() };
  },
});

/** Re-runs a failing probe while capturing on both ends: it changes nothing, but it spawns and captures, so it is the operator's. */
export const diagnose = defineOperation({
  name: "diagnosis",
  access: "operator",
  input: diagnoseRequestSchema,
  run: ({ ctx, lab, captures }, request) => diagnoseProbe(ctx, labSource(lab), captures, request),
});
