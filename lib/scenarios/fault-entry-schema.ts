import { z } from "zod";
import { ENDPOINT_NAME_PATTERN } from "../lab-spec/schema";
import { MTU_RANGE } from "../contracts/lab-edits";
import { FAULT_KIND_NAMES, FIREWALL_CHAINS, FIREWALL_PROTOCOLS, FLOW_PROTOCOLS, LINK_ENDS } from "./fault-kinds";

/** A value, or `{ oneOf: [...] }`: one of them, picked from the seed (neighbours get different faults). */
export type Choice<T> = T | { oneOf: T[] };

function choice<T extends z.ZodType>(schema: T, what: string) {
  return z.union([schema, z.object({ oneOf: z.array(schema).min(1).max(64) }).strict()], { error: `${what}, or { oneOf: [...] } of such values` });
}

const id = z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, "an id: lower-case letters, digits and -, 40 at most").optional();
const endpoint = choice(z.string().regex(ENDPOINT_NAME_PATTERN, "an endpoint name"), "an endpoint name of the lab, e.g. c1");
const end = choice(z.enum(LINK_ENDS), "inner (the endpoint's eth0) or host (the host's end of its veth)");

const txOffload = z.object({ id, kind: z.literal("tx-offload"), endpoint }).strict();
const mtuMismatch = z
  .object({ id, kind: z.literal("mtu-mismatch"), endpoint, end: end.default("inner"), mtu: choice(z.number().int().min(MTU_RANGE.min).max(MTU_RANGE.max), "an MTU from 68 to 9000").default(1400) })
  .strict();
const linkDown = z.object({ id, kind: z.literal("link-down"), endpoint, end: end.default("inner") }).strict();
const wrongAddress = z
  .object({
    id,
    kind: z.literal("wrong-address"),
    endpoint,
    /** address: the same host number in the next /24 over (a typo in the third octet); prefix: a prefix that leaves every other endpoint outside. */
    wrong: choice(z.enum(["address", "prefix"]), "address or prefix").default("address"),
    /** For `wrong: prefix`: this prefix instead of the one worked out. */
    prefix: choice(z.number().int().min(8).max(32), "a prefix length from 8 to 32").optional(),
  })
  .strict();
const vlanTag = z.object({ id, kind: z.literal("vlan-tag"), endpoint, tag: choice(z.number().int().min(1).max(4094), "a VLAN tag from 1 to 4094").default(100) }).strict();
const dropFlow = z
  .object({ id, kind: z.literal("drop-flow"), from: endpoint, to: endpoint, protocol: choice(z.enum(FLOW_PROTOCOLS), FLOW_PROTOCOLS.join(", ")).default("tcp") })
  .strict();
const firewallDrop = z
  .object({
    id,
    kind: z.literal("firewall-drop"),
    endpoint,
    chain: choice(z.enum(FIREWALL_CHAINS), "INPUT or OUTPUT").default("INPUT"),
    protocol: choice(z.enum(FIREWALL_PROTOCOLS), FIREWALL_PROTOCOLS.join(", ")).default("tcp"),
    /** Only packets from (INPUT) or to (OUTPUT) this endpoint; every peer when absent. */
    peer: endpoint.optional(),
  })
  .strict();

const kindError = { error: `one of ${FAULT_KIND_NAMES.join(", ")}` };
export const faultEntrySchema = z.discriminatedUnion("kind", [txOffload, mtuMismatch, linkDown, wrongAddress, vlanTag, dropFlow, firewallDrop], kindError);
export type FaultEntry = z.infer<typeof faultEntrySchema>;

const pickEntry = z
  .object({ kind: z.literal("pick"), pick: z.number().int().min(1).max(32), of: z.array(faultEntrySchema).min(1).max(32) })
  .strict()
  .refine((p) => p.pick <= p.of.length, { path: ["pick"], message: "cannot pick more faults than `of` lists" });
export type PickEntry = z.infer<typeof pickEntry>;

/** A fault, or `{ pick: N, of: [faults] }`: N of them, chosen from the seed. */
export const faultItemSchema = z.preprocess(
  (v) => (typeof v === "object" && v !== null && "pick" in v && !("kind" in v) ? { kind: "pick", ...v } : v),
  z.discriminatedUnion("kind", [txOffload, mtuMismatch, linkDown, wrongAddress, vlanTag, dropFlow, firewallDrop, pickEntry], { error: `one of ${FAULT_KIND_NAMES.join(", ")} (or pick: N, of: [...])` }),
);
export type FaultItem = FaultEntry | PickEntry;
