import { access, readFile } from "node:fs/promises";
import type { HostFacts } from "../../lib/contracts/host-facts";
import { readSwitch } from "../ovs/ovs-state";
import { runCommand } from "../run-command/run-command";
import { recentPmdLoad } from "./pmd-load";
import type { HostContext } from "./host-context";

async function kernelDatapath(): Promise<HostFacts["kernelDatapath"]> {
  if (await access("/sys/module/openvswitch").then(() => true, () => false)) return { available: true };
  return {
    available: false,
    reason:
      "the Open vSwitch kernel module is not loaded (/sys/module/openvswitch is absent) and this kernel has no CONFIG_OPENVSWITCH; only the userspace (netdev) datapath can run here",
  };
}

async function bridgeNetfilter(): Promise<HostFacts["bridgeNetfilter"]> {
  const call = await readFile("/proc/sys/net/bridge/bridge-nf-call-iptables", "utf8").then((t) => t.trim() === "1", () => null);
  const policy = await runCommand("iptables", ["-S", "FORWARD"], { timeoutMs: 3000 }).then(
    (r) => /^-P FORWARD (\w+)/m.exec(r.stdout)?.[1] ?? null,
    () => null,
  );
  return { callIptables: call, forwardPolicy: policy };
}

/** While ovsdb-server is away the facts still answer: the switch's part is empty and says why. */
const noSwitch = (err: unknown) => ({
  ovsVersion: null,
  dpdkVersion: null,
  dpdkInitialized: false,
  datapathTypes: [] as string[],
  interfaceTypes: [] as string[],
  otherConfig: {} as Record<string, string>,
  unavailable: err instanceof Error ? err.message : String(err),
});

export async function readHostFacts(ctx: HostContext): Promise<HostFacts> {
  const [sw, docker, kernel, netfilter, pmdThreads] = await Promise.all([
    readSwitch(ctx.ovsdb).then((s) => ({ ...s, unavailable: null }), noSwitch),
    ctx.docker.version().catch(() => null),
    kernelDatapath(),
    bridgeNetfilter(),
    recentPmdLoad(ctx.config.ovsRunDir),
  ]);
  const hasNetdev = sw.datapathTypes.includes("netdev");
  return {
    ovsVersion: sw.ovsVersion,
    dpdkVersion: sw.dpdkVersion,
    dpdkInitialized: sw.dpdkInitialized,
    datapathTypes: sw.datapathTypes,
    interfaceTypes: sw.interfaceTypes,
    dockerVersion: docker?.Version ?? null,
    kernelDatapath: kernel,
    userspaceDatapath: hasNetdev ? { available: true } : { available: false, reason: sw.unavailable ?? "ovs-vswitchd reports no netdev datapath" },
    dpdk: sw.dpdkInitialized
      ? { available: true }
      : { available: false, reason: sw.unavailable ?? "ovs-vswitchd runs without DPDK (other_config:dpdk-init); start it with `npm run up`" },
    docker: docker ? { available: true } : { available: false, reason: `dockerd does not answer on ${ctx.config.dockerSocket}` },
    bridgeNetfilter: netfilter,
    pmdMaxSleepUs: sw.otherConfig["pmd-maxsleep"] ? Number(sw.otherConfig["pmd-maxsleep"]) : null,
    userspaceTso: sw.otherConfig["userspace-tso-enable"] === "true",
    pmdThreads,
  };
}
