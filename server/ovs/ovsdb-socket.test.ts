import { test } from "node:test";
import assert from "node:assert/strict";
import { ovsdbConnectOptions } from "./ovsdb-socket";

test("OVSDB remotes in OVS's notation: a socket path, unix:PATH, tcp:IP:PORT", () => {
  assert.deepEqual(ovsdbConnectOptions("/var/run/openvswitch/db.sock"), { path: "/var/run/openvswitch/db.sock" });
  assert.deepEqual(ovsdbConnectOptions("unix:/run/ovs-lab/mh/a/db.sock"), { path: "/run/ovs-lab/mh/a/db.sock" });
  assert.deepEqual(ovsdbConnectOptions("tcp:10.77.211.1:6640"), { host: "10.77.211.1", port: 6640 });
});

test("a passive or SSL remote is refused with what ovs-lab can use", () => {
  assert.throws(() => ovsdbConnectOptions("ptcp:6640"), /connects to tcp:IP:PORT, unix:PATH or a socket path/);
  assert.throws(() => ovsdbConnectOptions("ssl:10.0.0.1:6640"), /ssl:10\.0\.0\.1:6640/);
});
