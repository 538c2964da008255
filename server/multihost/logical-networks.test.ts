import { test } from "node:test";
import assert from "node:assert/strict";
import { logicalNetworks, routerPortMac } from "./logical-networks";

const endpoint = (name: string, address: string) => ({ name, address }) as never;

test("without a router: one switch, named as before, with every endpoint", () => {
  const nets = logicalNetworks({ id: "mh", endpoints: [endpoint("c1", "10.77.210.8/24"), endpoint("c3", "10.77.210.9/24")] });
  assert.deepEqual(nets, [{ switch: "ovslab-mh", cidr: "10.77.210.0/24", gateway: null, endpoints: ["c1", "c3"] }]);
});

test("with a router: a switch per gateway's network, each endpoint on its own, the router's port MACs fixed per lab", () => {
  const nets = logicalNetworks({
    id: "mr",
    endpoints: [endpoint("c1", "10.77.232.8/24"), endpoint("c2", "10.77.233.9/24"), endpoint("n3", "10.77.232.10/24")],
    router: { gateways: ["10.77.232.1/24", "10.77.233.1/24"] },
  });
  assert.deepEqual(nets.map((n) => [n.switch, n.cidr, n.gateway?.address, n.gateway?.routerPort, n.gateway?.switchPort, n.endpoints]), [
    ["ovslab-mr", "10.77.232.0/24", "10.77.232.1/24", "mr-rtr1", "mr-to-rtr1", ["c1", "n3"]],
    ["ovslab-mr-net2", "10.77.233.0/24", "10.77.233.1/24", "mr-rtr2", "mr-to-rtr2", ["c2"]],
  ]);
  assert.match(nets[0].gateway!.mac, /^0a(:[0-9a-f]{2}){4}:01$/);
  assert.equal(routerPortMac("mr", 1), nets[1].gateway!.mac);
  assert.notEqual(routerPortMac("mr", 0), routerPortMac("ms", 0));
});
