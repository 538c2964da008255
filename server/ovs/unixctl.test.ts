import { after, test } from "node:test";
import assert from "node:assert/strict";
import net from "node:net";
import { once } from "node:events";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { unixctlCall } from "./unixctl";

const dirs: string[] = [];
after(() => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

/** A control socket that answers like ovs-vswitchd's (or stays silent). */
async function fakeCtl(answer: ((method: string) => object) | null): Promise<{ path: string; close: () => void }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "ovslab-ctl-"));
  dirs.push(dir);
  const sock = path.join(dir, "ovs-vswitchd.ctl");
  const server = net.createServer((s) =>
    s.setEncoding("utf8").on("data", (text: string) => {
      const { id, method } = JSON.parse(text) as { id: number; method: string };
      if (answer) s.write(JSON.stringify({ id, ...answer(method) }));
    }),
  );
  server.listen(sock);
  await once(server, "listening");
  return { path: sock, close: () => server.close() };
}

test("a call answers with the daemon's text", async () => {
  const ctl = await fakeCtl(() => ({ result: "ovs-vswitchd (Open vSwitch) 3.1.0\n", error: null }));
  assert.match(await unixctlCall(ctl.path, "version"), /3\.1\.0/);
  ctl.close();
});

test("an error reply, a silent daemon and a missing socket reject with words", async () => {
  const failing = await fakeCtl(() => ({ result: null, error: '"nope" is not a valid command' }));
  await assert.rejects(unixctlCall(failing.path, "nope"), /nope on .*: "nope" is not a valid command/);
  failing.close();
  const silent = await fakeCtl(null);
  await assert.rejects(unixctlCall(silent.path, "version", [], 100), /did not answer version in 100 ms/);
  silent.close();
  await assert.rejects(unixctlCall(path.join(os.tmpdir(), "ovslab-no-such.ctl"), "version"), /cannot reach .*ENOENT/);
});
