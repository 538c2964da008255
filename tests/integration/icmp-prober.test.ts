/**
 * The ICMP prober (server/probes/icmp-prober) on real namespaces: two namespaces joined by a veth
 * (named from the test id "ipr", 10.77.240.0/24), every outcome it can give, requests told apart
 * when they share a namespace, no socket left open, and a prober killed under a request.
 */
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync } from "node:fs";
import { runCommand } from "../../server/run-command/run-command";
import { IcmpProber, sharedIcmpProber, stopSharedIcmpProber } from "../../server/probes/icmp-prober/icmp-prober";

const A = "ovslab-ipr-a";
const B = "ovslab-ipr-b";
const nsPath = (name: string) => `/var/run/netns/${name}`;
const ip = (args: string[], netns?: string) => runCommand("ip", args, netns ? { netns: nsPath(netns) } : {});

async function removeNamespaces(): Promise<void> {
  for (const ns of [A, B]) await runCommand("ip", ["netns", "del", ns], { okExitCodes: [0, 1, 255] });
}

let prober: IcmpProber;

before(async () => {
  await removeNamespaces();
  await ip(["netns", "add", A]);
  await ip(["netns", "add", B]);
  await ip(["link", "add", "ipr-a", "netns", A, "type", "veth", "peer", "name", "ipr-b", "netns", B]);
  await ip(["addr", "add", "10.77.240.1/24", "dev", "ipr-a"], A);
  await ip(["addr", "add", "10.77.240.2/24", "dev", "ipr-b"], B);
  await ip(["addr", "add", "10.77.240.3/24", "dev", "ipr-b"], B);
  for (const [ns, dev] of [[A, "ipr-a"], [B, "ipr-b"]]) {
    await ip(["link", "set", "lo", "up"], ns);
    await ip(["link", "set", dev, "up"], ns);
  }
  // 10.77.240.3 refuses echo requests with an ICMP error, as a firewall would.
  await runCommand("iptables", ["-A", "INPUT", "-d", "10.77.240.3", "-p", "icmp", "--icmp-type", "echo-request", "-j", "REJECT", "--reject-with", "icmp-host-unreachable"], { netns: nsPath(B) });
  prober = await IcmpProber.start();
});

after(async () => {
  prober?.stop();
  await stopSharedIcmpProber();
  await removeNamespaces();
});

test("each outcome: a reply with its RTT, silence, an ICMP error naming its sender, no route, a namespace that cannot be entered", async () => {
  const outcomes = await prober.probe(nsPath(A), "10.77.240.1", ["10.77.240.2", "10.77.240.1", "10.77.240.99", "10.77.240.3", "10.78.0.1"], 300);
  const [reply, self, silent, refused, noRoute] = outcomes;
  assert.equal(reply.ok, true, JSON.stringify(reply));
  assert.ok(reply.rttMs !== null && reply.rttMs > 0 && reply.rttMs < 300, `an RTT: ${reply.rttMs}`);
  assert.equal(self.ok, true, "its own address answers");
  assert.deepEqual(silent, { target: "10.77.240.99", ok: false, rttMs: null, error: "timeout" }, "nobody has that address");
  assert.deepEqual(refused, { target: "10.77.240.3", ok: false, rttMs: null, error: "unreachable", detail: "Host unreachable from 10.77.240.3" });
  assert.equal(noRoute.error, "no-route", JSON.stringify(noRoute));
  assert.match(noRoute.detail ?? "", /unreachable/i);

  const [gone] = await prober.probe("/var/run/netns/ovslab-ipr-nonexistent", "10.77.240.1", ["10.77.240.2"], 200);
  assert.equal(gone.error, "failed");
  assert.match(gone.detail ?? "", /cannot open an ICMP socket in \/var\/run\/netns\/ovslab-ipr-nonexistent/);
  assert.equal(prober.alive, true, "a bad request does not end the prober");
});

test("requests at once from one namespace and from both get their own answers; no socket stays open", async () => {
  const fds = () => readdirSync(`/proc/${prober.pid}/fd`).length;
  const before = fds();
  for (let i = 0; i < 5; i++) {
    const answers = await Promise.all([
      prober.probe(nsPath(A), "10.77.240.1", ["10.77.240.2"], 500),
      prober.probe(nsPath(A), "10.77.240.1", ["10.77.240.2", "10.77.240.1"], 500),
      prober.probe(nsPath(B), "10.77.240.2", ["10.77.240.1", "10.77.240.2"], 500),
    ]);
    assert.deepEqual(
      answers.map((outcomes) => outcomes.map((o) => `${o.target} ${o.ok}`)),
      [["10.77.240.2 true"], ["10.77.240.2 true", "10.77.240.1 true"], ["10.77.240.1 true", "10.77.240.2 true"]],
    );
  }
  assert.equal(fds(), before, "every request's socket is closed once it is answered");
});

test("a prober killed under a request answers it failed, and the shared one is started again", async () => {
  const first = await sharedIcmpProber();
  assert.ok(first, "python3 runs the prober here");
  const pending = first.probe(nsPath(A), "10.77.240.1", ["10.77.240.99"], 3000);
  process.kill(first.pid, "SIGKILL");
  const [outcome] = await pending;
  assert.equal(outcome.error, "failed");
  assert.match(outcome.detail ?? "", /ICMP prober exited/);
  const second = await sharedIcmpProber();
  assert.ok(second && second !== first && second.alive, "a new prober");
  const [reply] = await second.probe(nsPath(A), "10.77.240.1", ["10.77.240.2"], 500);
  assert.equal(reply.ok, true);
});
