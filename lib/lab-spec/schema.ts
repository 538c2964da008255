import { z } from "zod";
import { OFFLOAD_FEATURE_NAMES, type OffloadFeature } from "../contracts/offload";

export const LAB_ID_PATTERN = /^[a-z][a-z0-9]{0,5}$/;
export const ENDPOINT_NAME_PATTERN = /^[a-z][a-z0-9]{0,7}$/;
const OVS_NAME_PATTERN = /^[A-Za-z][A-Za-z0-9_]{0,14}$/;
const IPV4_CIDR = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}\/([1-9]|[12]\d|3[0-2])$/;

const offloadSettings = z
  .object(Object.fromEntries(OFFLOAD_FEATURE_NAMES.map((f) => [f, z.boolean().optional()])) as Record<
    OffloadFeature,
    z.ZodOptional<z.ZodBoolean>
  >)
  .strict();

const attachment = z.discriminatedUnion("via", [
  z.object({ via: z.literal("veth") }).strict(),
  z
    .object({
      via: z.literal("dpdk"),
      port: z.string().regex(OVS_NAME_PATTERN, "an OVS port name: a letter, then letters, digits or _, 15 at most"),
    })
    .strict(),
]);

const endpoint = z
  .object({
    name: z.string().regex(ENDPOINT_NAME_PATTERN, "a lower-case letter, then up to 7 lower-case letters or digits"),
    kind: z.enum(["container", "netns"]),
    address: z.string().regex(IPV4_CIDR, "an IPv4 address with prefix, e.g. 10.55.66.8/24"),
    attach: attachment.default({ via: "veth" }),
    offload: offloadSettings.default({}),
  })
  .strict();

export const labSpecSchema = z
  .object({
    id: z.string().regex(LAB_ID_PATTERN, "a lower-case letter, then up to 5 lower-case letters or digits"),
    title: z.string().max(200).default(""),
    description: z.string().max(4000).default(""),
    bridge: z
      .object({
        name: z.string().regex(OVS_NAME_PATTERN, "a letter, then letters, digits or _, 15 at most"),
        datapath: z.enum(["netdev", "system"]).default("netdev"),
        address: z.string().regex(IPV4_CIDR, "an IPv4 address with prefix, e.g. 10.55.66.1/24").optional(),
        offload: offloadSettings.default({}),
      })
      .strict(),
    // 250: one /24 holds that many besides the bridge's own address and a few reserved ones.
    endpoints: z.array(endpoint).max(250),
  })
  .strict()
  .superRefine((spec, ctx) => {
    const names = new Set<string>();
    const addresses = new Set<string>(spec.bridge.address ? [spec.bridge.address.split("/")[0]] : []);
    spec.endpoints.forEach((e, i) => {
      if (e.name === "host") ctx.addIssue({ code: "custom", path: ["endpoints", i, "name"], message: '"host" is the bridge\'s own endpoint' });
      if (names.has(e.name)) ctx.addIssue({ code: "custom", path: ["endpoints", i, "name"], message: `"${e.name}" is used twice` });
      names.add(e.name);
      const ip = e.address.split("/")[0];
      if (addresses.has(ip)) ctx.addIssue({ code: "custom", path: ["endpoints", i, "address"], message: `${ip} is used twice` });
      addresses.add(ip);
      if (`${spec.id}-${e.name}`.length > 15)
        ctx.addIssue({ code: "custom", path: ["endpoints", i, "name"], message: "lab id + endpoint name must fit 14 characters (a Linux interface name)" });
    });
    const dpdkPorts = spec.endpoints.flatMap((e) => (e.attach.via === "dpdk" ? [e.attach.port] : []));
    if (new Set(dpdkPorts).size !== dpdkPorts.length)
      ctx.addIssue({ code: "custom", path: ["endpoints"], message: "two endpoints use the same DPDK port" });
  });

export type LabSpec = z.infer<typeof labSpecSchema>;
export type LabSpecInput = z.input<typeof labSpecSchema>;
export type EndpointSpec = LabSpec["endpoints"][number];

/** One line per problem: `endpoints.1.address: an IPv4 address with prefix`. */
export function describeZodError(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.length ? i.path.join(".") : "(root)"}: ${i.message}`).join("; ");
}
