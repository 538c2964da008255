import { z } from "zod";
import { CAPTURE_PROTOCOLS } from "./capture";
import { PROTOCOLS } from "./matrix";

/** Bodies of the capture, diagnosis and experiment routes, checked at the edge. */

const endpointName = z.string().regex(/^[a-z][a-z0-9]{0,7}$/, "an endpoint name such as c1, host or server");

export const captureRequestSchema = z
  .object({
    interfaceId: z.string().regex(/^[a-z][a-z0-9]{0,7}(?::[a-z][a-z0-9]{0,5})?:[A-Za-z0-9_.-]{1,15}$/, "an interface id such as c1:eth0, host:seed-c1, a:ul0 (a host's underlay) or host:a:mh-c1 (inside host a)"),
    durationMs: z.number().int().min(100).max(60_000).default(5000),
    maxPackets: z.number().int().min(1).max(10_000).default(200),
    protocol: z.enum(CAPTURE_PROTOCOLS).optional(),
    /** Endpoint names; their discovered addresses go into the filter. */
    hosts: z.array(endpointName).max(8).optional(),
    ports: z.array(z.number().int().min(1).max(65_535)).max(8).optional(),
  })
  .strict();
export type CaptureRequestInput = z.infer<typeof captureRequestSchema>;

export const diagnoseRequestSchema = z
  .object({
    from: endpointName,
    to: endpointName,
    protocol: z.enum(PROTOCOLS).default("tcp"),
    timeoutMs: z.number().int().min(100).max(5000).default(1000),
  })
  .strict()
  .refine((b) => b.from !== b.to, { message: "from and to must differ" });
export type DiagnoseRequest = z.infer<typeof diagnoseRequestSchema>;
