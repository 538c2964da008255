import { test } from "node:test";
import assert from "node:assert/strict";
import { loadConfig } from "./env";

test("daemon sockets default to the main daemons", () => {
  const c = loadConfig([], {});
  assert.equal(c.ovsdbSocket, "/var/run/openvswitch/db.sock");
  assert.equal(c.vswitchdCtl, null);
  assert.equal(c.vswitchdDpdk, true);
  assert.equal(c.dockerSocket, "/var/run/docker.sock");
  assert.equal(c.healthIntervalMs, 2000);
  assert.deepEqual([c.snapshotMaxCount, c.snapshotMaxBytes], [500, 200 * 1024 * 1024]);
});

test("a private pair and dockerd are named by configuration", () => {
  const c = loadConfig([], {
    OVS_RUNDIR: "/tmp/f/run",
    OVSLAB_VSWITCHD_CTL: "/tmp/f/run/ovs-vswitchd.ctl",
    OVSLAB_VSWITCHD_DPDK: "0",
    DOCKER_HOST: "unix:///tmp/f/docker.sock",
    OVSLAB_SNAPSHOT_MAX_COUNT: "3",
  });
  assert.equal(c.ovsdbSocket, "/tmp/f/run/db.sock");
  assert.equal(c.vswitchdCtl, "/tmp/f/run/ovs-vswitchd.ctl");
  assert.equal(c.vswitchdDpdk, false);
  assert.equal(c.dockerSocket, "/tmp/f/docker.sock");
  assert.equal(c.snapshotMaxCount, 3);
  assert.equal(loadConfig([], { OVSLAB_DOCKER_SOCKET: "/a.sock", DOCKER_HOST: "unix:///b.sock" }).dockerSocket, "/a.sock");
  assert.equal(loadConfig([], { OVSLAB_OVSDB_SOCKET: "/x/db.sock", OVS_RUNDIR: "/y" }).ovsdbSocket, "/x/db.sock");
});

test("a Docker host ovs-lab cannot reach is refused with the reason", () => {
  assert.throws(() => loadConfig([], { DOCKER_HOST: "tcp://10.0.0.1:2375" }), /DOCKER_HOST must be a unix:\/\/ socket/);
  assert.throws(() => loadConfig([], { OVSLAB_SNAPSHOT_MAX_BYTES: "-1" }), /OVSLAB_SNAPSHOT_MAX_BYTES/);
});
