import { test } from "node:test";
import assert from "node:assert/strict";
import { FAULT_KINDS, FAULT_KIND_NAMES } from "../../lib/scenarios/fault-kinds";
import { LAB_EDIT_OPERATIONS } from "../../lib/contracts/lab-edits";
import { FAULT_MODULES } from "../faults/fault-catalog";
import * as edit from "./lab-edit-operations";
import * as lab from "./lab-operations";

const operations = [...Object.values(edit), ...Object.values(lab)].filter((o): o is typeof edit.interfaceMtu => typeof o === "object" && o !== null && "access" in o);

test("every fault kind has a module, and is fixed by an operation that exists and that an operator may call", () => {
  for (const kind of FAULT_KIND_NAMES) {
    assert.equal(FAULT_MODULES[kind].kind, kind);
    assert.equal(FAULT_MODULES[kind].fixOperation, FAULT_KINDS[kind].fixOperation);
    const op = operations.find((o) => o.name === FAULT_KINDS[kind].fixOperation);
    assert.ok(op, `${kind}: no operation "${FAULT_KINDS[kind].fixOperation}"`);
    assert.equal(op.access, "operator", kind);
  }
});

test("the fixes change the lab (operator); their lists are read by anyone (viewer)", () => {
  const byName = new Map(operations.map((o) => [o.name, o.access]));
  for (const name of [LAB_EDIT_OPERATIONS.mtu, LAB_EDIT_OPERATIONS.link, LAB_EDIT_OPERATIONS.address, LAB_EDIT_OPERATIONS.tag, LAB_EDIT_OPERATIONS.flowDelete, LAB_EDIT_OPERATIONS.firewallDelete])
    assert.equal(byName.get(name), "operator", name);
  for (const name of [LAB_EDIT_OPERATIONS.flows, LAB_EDIT_OPERATIONS.firewall]) assert.equal(byName.get(name), "viewer", name);
});

test("inputs are refused with the field named: MTU range, address form, tag range, ids from the lists", () => {
  const problem = (op: { input: { safeParse: (v: unknown) => { success: boolean; error?: { issues: { path: PropertyKey[] }[] } } } }, input: unknown) =>
    op.input.safeParse(input).error?.issues.map((i) => i.path.join(".")).join(",");
  assert.equal(problem(edit.interfaceMtu, { interfaceId: "c1:eth0", mtu: 20 }), "mtu");
  assert.equal(problem(edit.interfaceLink, { interfaceId: "c1:eth0", up: "yes" }), "up");
  assert.equal(problem(edit.endpointAddress, { endpoint: "c1", address: "10.0.0.300/24" }), "address");
  assert.equal(problem(edit.endpointAddress, { endpoint: "c1", address: "10.0.0.3" }), "address");
  assert.equal(problem(edit.endpointAddress, { endpoint: "C1;rm", address: "10.0.0.3/24" }), "endpoint");
  assert.equal(problem(edit.portTag, { port: "p", tag: 4095 }), "tag");
  assert.equal(problem(edit.portTag, { port: "p", tag: null }), undefined);
  assert.equal(problem(edit.flowDelete, { id: "table=0" }), "id");
  assert.equal(problem(edit.firewallDelete, { id: "0123456789ab" }), "id");
  assert.equal(problem(edit.firewallDelete, { id: "c1:0123456789ab" }), undefined);
});
