import { z } from "zod";
import { PROTOCOLS, type Protocol } from "../contracts/matrix";
import { MTU_RANGE } from "../contracts/lab-edits";

/** `tcp c1->server`: one cell of the matrix. */
export const CELL_PATTERN = /^(icmp|tcp|udp) ([a-z][a-z0-9]{0,7})->([a-z][a-z0-9]{0,7})$/;
/** `c2:eth0`, or `host:{lab}-c1` where `{lab}` becomes the lab's id. */
export const CHECK_INTERFACE_PATTERN = /^[a-z][a-z0-9]{0,7}:(?:[A-Za-z0-9_.-]|\{lab\}){1,24}$/;

/** What a check is about, tagged by kind (the file writes it as one key: cell, interface, capture or noFaultLeft). */
export type CheckSubject =
  | { kind: "cell"; protocol: Protocol; from: string; to: string; expect: "ok" | "fail" }
  | { kind: "interface"; interfaceId: string; tx?: boolean; mtu?: number; up?: boolean }
  | { kind: "capture"; interfaceId: string; protocol?: "tcp" | "udp"; checksums: "correct" | "bad" }
  | { kind: "no-fault-left" };

/** `pass` and `fail`: the words a student reads; written for them when the file leaves them out. */
export type ScenarioCheck = { id: string; pass?: string; fail?: string } & CheckSubject;

const SUBJECTS = ["cell", "interface", "capture", "noFaultLeft"] as const;
const FIELDS_OF: Record<(typeof SUBJECTS)[number], string[]> = {
  cell: ["expect"],
  interface: ["tx", "mtu", "up"],
  capture: ["protocol", "checksums"],
  noFaultLeft: [],
};

const onOff = z.union([z.boolean(), z.enum(["on", "off"])], { error: "on or off" }).transform((v) => v === true || v === "on");
const iface = z.string().regex(CHECK_INTERFACE_PATTERN, 'an interface such as "c2:eth0" or "host:{lab}-c1"');

const checkFields = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, "an id: lower-case letters, digits and -, 40 at most"),
    pass: z.string().min(1).max(500).optional(),
    fail: z.string().min(1).max(500).optional(),
    cell: z.string().regex(CELL_PATTERN, `a matrix cell such as "tcp c1->server" (${PROTOCOLS.join(", ")})`).optional(),
    expect: z.enum(["ok", "fail"]).optional(),
    interface: iface.optional(),
    tx: onOff.optional(),
    mtu: z.number().int().min(MTU_RANGE.min).max(MTU_RANGE.max).optional(),
    up: z.boolean().optional(),
    capture: iface.optional(),
    protocol: z.enum(["tcp", "udp"]).optional(),
    checksums: z.enum(["correct", "bad"]).optional(),
    noFaultLeft: z.literal(true, { error: "true (every planted fault is gone)" }).optional(),
  })
  .strict();

type CheckFields = z.output<typeof checkFields>;

function subjectOf(c: CheckFields): CheckSubject {
  if (c.cell !== undefined) {
    const [, protocol, from, to] = CELL_PATTERN.exec(c.cell)!;
    return { kind: "cell", protocol: protocol as Protocol, from, to, expect: c.expect ?? "ok" };
  }
  if (c.interface !== undefined) return { kind: "interface", interfaceId: c.interface, tx: c.tx, mtu: c.mtu, up: c.up };
  if (c.capture !== undefined) return { kind: "capture", interfaceId: c.capture, protocol: c.protocol, checksums: c.checksums! };
  return { kind: "no-fault-left" };
}

/** One check: exactly one subject key, and only the fields that subject reads. */
export const scenarioCheckSchema = checkFields
  .superRefine((c, ctx) => {
    const subjects = SUBJECTS.filter((k) => c[k] !== undefined);
    if (subjects.length !== 1) {
      ctx.addIssue({ code: "custom", path: [], message: `give exactly one of ${SUBJECTS.join(", ")} (got ${subjects.join(", ") || "none"})` });
      return;
    }
    const subject = subjects[0];
    for (const [other, fields] of Object.entries(FIELDS_OF))
      for (const field of fields)
        if (other !== subject && !FIELDS_OF[subject].includes(field) && c[field as keyof CheckFields] !== undefined)
          ctx.addIssue({ code: "custom", path: [field], message: `belongs to ${other} checks, not to ${subject} checks` });
    if (subject === "interface" && c.tx === undefined && c.mtu === undefined && c.up === undefined)
      ctx.addIssue({ code: "custom", path: ["interface"], message: "say what the interface must show: tx, mtu or up" });
    if (subject === "capture" && c.checksums === undefined) ctx.addIssue({ code: "custom", path: ["checksums"], message: "correct or bad" });
  })
  .transform((c): ScenarioCheck => ({ id: c.id, pass: c.pass, fail: c.fail, ...subjectOf(c) }));
