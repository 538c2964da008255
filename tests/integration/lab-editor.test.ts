import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { createApiClient } from "../../lib/api-client/api-client";
import { addEndpoint, setEndpointOffload } from "../../lib/lab-editor/edit-actions";
import { draftOf, newLabDraft } from "../../lib/lab-editor/lab-draft";
import { diffSpecs } from "../../lib/lab-editor/spec-diff";
import { validateDraft } from "../../lib/lab-editor/validate-draft";
import type { LabSpec } from "../../lib/lab-spec/schema";
import { parseLabYaml } from "../../server/lab/templates";
import { projectRoot, startTestServer, type TestServer } from "./harness";

/**
 * The editor's Apply on the real daemons: a container added to a running lab through the API is the only
 * thing started (the others keep their containers and probe agents), the matrix tests its pairs; Save
 * writes labs/<name>.yaml that parses back, and refuses seed.yaml, bad names and viewers.
 */
const LAB = "ed";
const PORT = 3440;
const SUBNET = "10.77.140";
const SAVED = "ed-editor-test";
const savedFile = path.join(projectRoot, "labs", `${SAVED}.yaml`);
let server: TestServer;

const containerId = (endpoint: string) => execFileSync("docker", ["inspect", "-f", "{{.Id}}", `ovslab-${LAB}-${endpoint}`], { encoding: "utf8" }).trim();

/** The probe agent serving an address: `node <probe-agent> <address> <port> lab-netns`, as the agent pool starts it. */
function agentPids(address: string): number[] {
  const ps = execFileSync("ps", ["-eo", "pid=,args="], { encoding: "utf8" });
  return ps
    .split("\n")
    .filter((line) => line.includes("probe-agent") && line.includes(` ${address} `))
    .map((line) => Number(line.trim().split(/\s+/)[0]));
}

/** Without the Host's own state: the lab as the editor sees it (the schema reads one `bridges:` entry as `otherBridges: []`). */
const sameLab = ({ otherBridges, version: _v, ...rest }: LabSpec) => (otherBridges?.length ? { ...rest, otherBridges } : rest);

describe("lab editor on a running lab (lab ed, 10.77.140.0/24)", () => {
  before(async () => {
    rmSync(savedFile, { force: true });
    server = await startTestServer(LAB, PORT);
    // The lab the editor's "New lab" makes, with two containers, each with TX offload off (TCP works).
    let draft = newLabDraft({ id: LAB, bridgeName: `${LAB}_br`, subnet: `${SUBNET}.0/24` });
    for (let i = 0; i < 2; i++) {
      const added = addEndpoint(draft, "container");
      draft = setEndpointOffload(added.draft, added.name, "tx", false);
    }
    const check = validateDraft(draft);
    assert.ok(check.ok, JSON.stringify(check.errors));
    await server.api.labUp({ body: { spec: check.spec } });
  });

  after(async () => {
    rmSync(savedFile, { force: true });
    await server?.stop();
  });

  test("Apply of one added container starts only it: the others keep their container ids and probe agents, and its pairs pass", async () => {
    const first = await server.api.matrixRun({ body: { protocols: ["icmp", "tcp"], timeoutMs: 2000 } });
    assert.deepEqual(first.results.filter((r) => !r.ok).map((r) => `${r.protocol} ${r.from}>${r.to}`), [], "the lab works before the edit");
    const before = { ids: [containerId("c1"), containerId("c2")], agents: [agentPids(`${SUBNET}.2`), agentPids(`${SUBNET}.3`)] };
    for (const pids of before.agents) assert.equal(pids.length, 1, `one probe agent per endpoint: ${JSON.stringify(before.agents)}`);

    const running = await server.api.labSpec();
    assert.equal(running.source, "brought-up");
    const added = addEndpoint(draftOf(running.spec), "container");
    assert.deepEqual([added.name, added.draft.endpoints.at(-1)!.address], ["c3", `${SUBNET}.4/24`]);
    const check = validateDraft(setEndpointOffload(added.draft, "c3", "tx", false));
    assert.ok(check.ok);
    const diff = diffSpecs(running.spec, check.spec);
    assert.deepEqual(diff.endpoints.added, ["c3"]);
    assert.equal(diff.retestPairs.length, 6, "c3 with host, c1, c2, each way");

    const t0 = Date.now();
    const up = await server.api.labUp({ body: { spec: check.spec } });
    const applyMs = Date.now() - t0;
    assert.ok(up.topology.endpoints.some((e) => e.name === "c3" && e.state === "running"));
    assert.deepEqual([containerId("c1"), containerId("c2")], before.ids, "c1 and c2 are the same containers");
    assert.deepEqual([agentPids(`${SUBNET}.2`), agentPids(`${SUBNET}.3`)], before.agents, "and keep their probe agents");

    const retest = await server.api.matrixRun({ body: { protocols: ["icmp", "tcp"], timeoutMs: 2000, pairs: diff.retestPairs } });
    assert.equal(retest.results.length, diff.retestPairs.length * 2, "only the changed pairs were tested");
    assert.ok(retest.results.every((r) => r.from === "c3" || r.to === "c3"));
    assert.deepEqual(retest.results.filter((r) => !r.ok).map((r) => `${r.protocol} ${r.from}>${r.to}: ${r.error}`), []);
    assert.deepEqual(sameLab((await server.api.labSpec()).spec), sameLab(check.spec), "the spec read back is the one applied");
    console.log(`# apply of one container: ${applyMs} ms; re-test of ${retest.results.length} probes: ${retest.durationMs} ms`);
  });

  test("Save writes labs/<name>.yaml atomically, which parses back; an existing file only with overwrite; never seed.yaml or a bad name", async () => {
    const { spec } = await server.api.labSpec();
    const saved = await server.api.labSave({ body: { name: SAVED, spec } });
    assert.deepEqual(saved, { name: SAVED, file: `labs/${SAVED}.yaml`, bytes: readFileSync(savedFile).length, replaced: false });
    const text = readFileSync(savedFile, "utf8");
    assert.match(text, /^version: 2\n/);
    assert.deepEqual(sameLab(parseLabYaml(text, SAVED)), sameLab(spec));

    const again = await server.post(`/api/lab-files`, { name: SAVED, spec });
    assert.equal(again.status, 409, "an existing file is not replaced without overwrite");
    const replaced = await server.api.labSave({ body: { name: SAVED, spec: { ...spec, title: "edited" }, overwrite: true } });
    assert.equal(replaced.replaced, true);
    assert.equal(parseLabYaml(readFileSync(savedFile, "utf8"), SAVED).title, "edited");

    const seedBefore = readFileSync(path.join(projectRoot, "labs/seed.yaml"), "utf8");
    for (const name of ["seed", "../ed-escape", "Bad", "a/b", "x".repeat(50), "-x", ""]) {
      const r = await server.post(`/api/lab-files`, { name, spec, overwrite: true });
      assert.equal(r.status, 400, `name ${JSON.stringify(name)}`);
    }
    assert.equal(readFileSync(path.join(projectRoot, "labs/seed.yaml"), "utf8"), seedBefore, "seed.yaml untouched");
    assert.equal(existsSync(path.join(projectRoot, "ed-escape.yaml")), false);
    const badSpec = await server.post(`/api/lab-files`, { name: SAVED, spec: { ...spec, endpoints: [{ name: "c1" }] }, overwrite: true });
    assert.equal(badSpec.status, 400);
    assert.match(JSON.stringify(badSpec.body), /endpoints\.0/, "the error names the field");
    const leftovers = execFileSync("ls", ["-a", path.join(projectRoot, "labs")], { encoding: "utf8" }).split("\n").filter((f) => f.endsWith(".tmp"));
    assert.deepEqual(leftovers, [], "no temporary file left behind");
  });

  test("Download answers the running lab as a version-2 file; viewers may read and download, never save", async () => {
    const res = await fetch(`${server.url}/api/labs/${LAB}/lab/spec.yaml`);
    assert.equal(res.status, 200);
    assert.equal(res.headers.get("content-disposition"), `attachment; filename="${LAB}.yaml"`);
    const { spec } = await server.api.labSpec();
    assert.deepEqual(sameLab(parseLabYaml(await res.text(), "download")), sameLab(spec));
    const viewer = createApiClient({ baseUrl: server.url });
    assert.equal((await viewer.labSpec()).labId, LAB);
    const refused = await viewer.response("labSave", { body: { name: "ed-viewer", spec } });
    assert.equal(refused.status, 401);
    const asViewer = createApiClient({ baseUrl: server.url, token: server.token, viewAsViewer: true });
    assert.equal((await asViewer.response("labSave", { body: { name: "ed-viewer", spec } })).status, 403);
    assert.equal(existsSync(path.join(projectRoot, "labs/ed-viewer.yaml")), false);
  });
});
