import { z } from "zod";
import { ipv4Range } from "../lab-spec/ipv4-cidr";
import { MTU_RANGE } from "./lab-edits";

/** Bodies of the routes that change one thing of a lab (lab-edits.ts), checked at the edge. */
export const mtuChangeSchema = z.object({ mtu: z.number().int().min(MTU_RANGE.min).max(MTU_RANGE.max) }).strict();
export const linkChangeSchema = z.object({ up: z.boolean() }).strict();
export const addressChangeSchema = z
  .object({
    address: z
      .string()
      .max(18)
      .refine((s) => s.includes("/") && ipv4Range(s) !== null && Number(s.split("/")[1]) >= 1, "an IPv4 address with prefix, e.g. 10.55.66.8/24"),
  })
  .strict();
/** null: no tag (the port carries every VLAN). */
export const tagChangeSchema = z.object({ tag: z.number().int().min(1).max(4094).nullable() }).strict();

export type MtuChange = z.infer<typeof mtuChangeSchema>;
export type LinkChange = z.infer<typeof linkChangeSchema>;
export type AddressChange = z.infer<typeof addressChangeSchema>;
export type TagChange = z.infer<typeof tagChangeSchema>;
