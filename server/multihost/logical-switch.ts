import type { LabSpec } from "../../lib/lab-spec/schema";
import { hostNames, OVN_LAB_KEY } from "./host-names";
import { ovnNbctl, ovnSbctl } from "./ovn-central";
import { waitUntil } from "../host/wait-until";
import { parseNbctlRows } from "./parse-ovn-json";
import { logicalNetworks } from "./logical-networks";

/** The lab's logical ports in the NB database (tagged with its id), by name. */
async function labLogicalPorts(labId: string): Promise<string[]> {
  const { stdout } = await ovnNbctl(["--format=json", "--columns=name", "find", "Logical_Switch_Port", `external_ids:${OVN_LAB_KEY}=${labId}`]);
  return parseNbctlRows(stdout).map((r) => String(r.name));
}

/** Each of the lab's logical ports with the switch it is on now (an up may move an endpoint to another network). */
async function labPortSwitches(labId: string): Promise<Map<string, string>> {
  const tag = `external_ids:${OVN_LAB_KEY}=${labId}`;
  const [switches, ports] = await Promise.all([
    ovnNbctl(["--format=json", "--columns=name,ports", "find", "Logical_Switch", tag]),
    ovnNbctl(["--format=json", "--columns=_uuid,name", "find", "Logical_Switch_Port", tag]),
  ]);
  const switchOf = new Map<string, string>();
  for (const ls of parseNbctlRows(switches.stdout)) for (const uuid of [ls.ports].flat()) switchOf.set(String(uuid), String(ls.name));
  return new Map(parseNbctlRows(ports.stdout).flatMap((p) => (switchOf.has(String(p._uuid)) ? [[String(p.name), switchOf.get(String(p._uuid))!] as const] : [])));
}

/** The lab's rows of one NB table (tagged with its id), by name. */
async function labRows(table: "Logical_Switch" | "Logical_Router", labId: string): Promise<string[]> {
  const { stdout } = await ovnNbctl(["--format=json", "--columns=name", "find", table, `external_ids:${OVN_LAB_KEY}=${labId}`]);
  return parseNbctlRows(stdout).map((r) => String(r.name));
}

/**
 * The lab's logical switches (one per network) with one port per endpoint, addressed "<mac> <ip>"
 * (what lets OVN answer ARP and deliver to the right chassis), and with a router, the router with a
 * port on each switch at its gateway address; in one transaction. What the spec no longer has goes.
 */
export async function ensureLogicalSwitch(spec: LabSpec, macs: Map<string, string>): Promise<void> {
  const tag = `external_ids:${OVN_LAB_KEY}=${spec.id}`;
  const networks = logicalNetworks(spec);
  const router = hostNames.logicalRouter(spec.id);
  const wantedPorts = new Set([...spec.endpoints.map((e) => hostNames.logicalPort(spec.id, e.name)), ...networks.flatMap((n) => (n.gateway ? [n.gateway.switchPort] : []))]);
  const wantedSwitches = new Set(networks.map((n) => n.switch));
  const switchOfPort = new Map(networks.flatMap((n) => [...spec.endpoints.filter((e) => n.endpoints.includes(e.name)).map((e) => [hostNames.logicalPort(spec.id, e.name), n.switch] as const), ...(n.gateway ? [[n.gateway.switchPort, n.switch] as const] : [])]));
  const [stalePorts, staleSwitches, routers] = await Promise.all([
    // Ports no longer wanted, and ports on another switch than their network's now (added again there).
    labPortSwitches(spec.id).then((ports) => [...ports].filter(([p, ls]) => !wantedPorts.has(p) || switchOfPort.get(p) !== ls).map(([p]) => p), () => []),
    labRows("Logical_Switch", spec.id).then((rows) => rows.filter((r) => !wantedSwitches.has(r)), () => []),
    labRows("Logical_Router", spec.id).catch(() => []),
  ]);
  const switchArgs = networks.flatMap((n) => ["--", "--may-exist", "ls-add", n.switch, "--", "set", "Logical_Switch", n.switch, tag]);
  const portArgs = networks.flatMap((n) =>
    spec.endpoints
      .filter((e) => n.endpoints.includes(e.name))
      .flatMap((e) => {
        const port = hostNames.logicalPort(spec.id, e.name);
        const mac = macs.get(e.name);
        return [
          "--", "--may-exist", "lsp-add", n.switch, port,
          "--", "set", "Logical_Switch_Port", port, tag,
          ...(mac ? ["--", "lsp-set-addresses", port, `${mac} ${e.address.split("/")[0]}`] : []),
        ];
      }),
  );
  const routerArgs = spec.router
    ? [
        "--", "--may-exist", "lr-add", router, "--", "set", "Logical_Router", router, tag,
        ...networks.flatMap((n) => {
          const g = n.gateway!;
          return [
            "--", "--may-exist", "lrp-add", router, g.routerPort, g.mac, g.address,
            "--", "--may-exist", "lsp-add", n.switch, g.switchPort,
            "--", "set", "Logical_Switch_Port", g.switchPort, tag, "type=router", "addresses=router", `options:router-port=${g.routerPort}`,
          ];
        }),
      ]
    : [];
  await ovnNbctl([
    ...stalePorts.flatMap((p) => ["--", "--if-exists", "lsp-del", p]),
    ...staleSwitches.flatMap((ls) => ["--", "--if-exists", "ls-del", ls]),
    ...(spec.router ? [] : routers.flatMap((r) => ["--", "--if-exists", "lr-del", r])),
    ...switchArgs,
    ...portArgs,
    ...routerArgs,
  ].slice(1));
}

/** The lab's switches, ports and router gone from NB (northd then takes them out of SB). */
export async function removeLogicalSwitch(labId: string): Promise<number> {
  const [ports, switches, routers] = await Promise.all([labLogicalPorts(labId).catch(() => []), labRows("Logical_Switch", labId).catch(() => []), labRows("Logical_Router", labId).catch(() => [])]);
  // Ports first (one left outside any switch would be an error for lsp-del after ls-del took it).
  const args = [
    ...ports.flatMap((p) => ["--", "--if-exists", "lsp-del", p]),
    ...[...new Set([...switches, hostNames.logicalSwitch(labId)])].flatMap((ls) => ["--", "--if-exists", "ls-del", ls]),
    ...routers.flatMap((r) => ["--", "--if-exists", "lr-del", r]),
  ];
  await ovnNbctl(args.slice(1));
  return ports.length;
}

const READY_TIMEOUT_MS = 20_000;

/**
 * Waits until the lab works end to end, so that a lab up's answer means the matrix can run: every
 * logical port claimed by its chassis (`up`), then every host's ovn-controller having installed the
 * flows for that state. The second is `ovn-nbctl --wait=hv` limited to the lab's own chassis: the SB
 * is shared, and another lab's chassis (or a dead one) must not hold this one up.
 */
export async function waitForLabReady(spec: LabSpec): Promise<void> {
  const ports = spec.endpoints.map((e) => hostNames.logicalPort(spec.id, e.name));
  const seconds = Math.ceil(READY_TIMEOUT_MS / 1000);
  await ovnNbctl(ports.flatMap((p) => ["--", "wait-until", "Logical_Switch_Port", p, "up=true"]).slice(1), READY_TIMEOUT_MS).catch(async () => {
    const { stdout } = await ovnNbctl(["--format=json", "--columns=name,up", "find", "Logical_Switch_Port", `external_ids:${OVN_LAB_KEY}=${spec.id}`]);
    const down = parseNbctlRows(stdout).filter((r) => r.up !== true).map((r) => String(r.name));
    throw new Error(`OVN did not bind ${down.join(", ") || "the lab's ports"} within ${seconds} s: see each host's ovn-controller.log under /run/ovs-lab/${spec.id}/`);
  });
  // Bump nb_cfg once northd has seen the claims; a chassis reporting it has caught up with them.
  await ovnNbctl(["--wait=sb", "sync"]);
  const target = Number((await ovnNbctl(["get", "NB_Global", ".", "nb_cfg"])).stdout.trim());
  const chassis = (spec.hosts ?? []).map((h) => hostNames.chassis(spec.id, h.name));
  let behind = chassis;
  const caughtUp = await waitUntil(async () => {
    const { stdout } = await ovnSbctl(["--format=json", "--columns=name,nb_cfg", "list", "Chassis_Private"]);
    const seen = new Map(parseNbctlRows(stdout).map((r) => [String(r.name), Number(r.nb_cfg)]));
    behind = chassis.filter((c) => !((seen.get(c) ?? -1) >= target));
    return behind.length === 0;
  }, READY_TIMEOUT_MS, 100);
  if (!caughtUp) throw new Error(`ovn-controller of ${behind.join(", ")} did not install the lab's flows within ${seconds} s: see its ovn-controller.log under /run/ovs-lab/${spec.id}/`);
}
