"use client";
import { PMD_IDLE_MAXSLEEP_US, PMD_RUN_MAXSLEEP_US, type Capability, type HostFacts } from "@/lib/contracts/host-facts";
import type { Topology } from "@/lib/contracts/topology";
import { labDatapaths } from "@/lib/topology/lab-datapaths";
import { hostDaemonsDown } from "@/lib/topology/build-hosts-flow";

function Row({ label, value }: { label: string; value: React.ReactNode }) {
  return (
    <div className="flex justify-between gap-3">
      <dt className="text-slate-600 dark:text-slate-300">{label}</dt>
      <dd className="text-right font-mono">{value}</dd>
    </div>
  );
}

function CapabilityRow({ name, cap }: { name: string; cap: Capability }) {
  return (
    <li className="text-sm">
      <span className={cap.available ? "text-emerald-700 dark:text-emerald-400" : "text-red-700 dark:text-red-400"}>{cap.available ? "✓" : "✗"}</span> {name}
      {!cap.available && cap.reason && <p className="ml-4 text-xs text-slate-600 dark:text-slate-400">{cap.reason}</p>}
    </li>
  );
}

/** A lab across hosts: each host's chassis, underlay, tunnels, endpoints and daemons. */
function LabHostsList({ topology }: { topology: Topology }) {
  return (
    <div data-testid="lab-hosts">
      <h3 className="font-semibold">Hosts of this lab (OVN{topology.ovn ? `, logical ${topology.ovn.router ? `router ${topology.ovn.router.name}` : `switch ${topology.ovn.logicalSwitch}`}` : ""})</h3>
      <ul className="flex flex-col gap-1 text-sm">
        {topology.hosts!.map((h) => {
          const down = hostDaemonsDown(h);
          return (
            <li key={h.name} data-testid={`lab-host-${h.name}`}>
              <span className="font-semibold">{h.name}</span>: chassis <span className="font-mono">{h.chassis || "?"}</span>, underlay{" "}
              <span className="font-mono">{h.underlay || "?"}</span>, {h.tunnels.length} Geneve tunnel{h.tunnels.length === 1 ? "" : "s"}, endpoints{" "}
              {h.endpoints.join(", ") || "none"}
              <br />
              {h.daemons === undefined ? (
                <span className="text-slate-500">daemons not read</span>
              ) : down.length === 0 ? (
                <span className="text-emerald-700 dark:text-emerald-400">✓ ovsdb-server, ovs-vswitchd, ovn-controller running</span>
              ) : (
                <span className="text-red-700 dark:text-red-400">✗ not running: {down.join(", ")} (bring the lab up again to restart them)</span>
              )}
            </li>
          );
        })}
      </ul>
    </div>
  );
}

/** What this host runs and what it cannot do, with the reason. */
export function HostPanel({ host, topology }: { host: HostFacts | null; topology: Topology | null }) {
  if (!host) return <p className="text-sm text-slate-500">Reading the host…</p>;
  const { summary: datapaths, dpdkPorts } = labDatapaths(topology);
  return (
    <section aria-labelledby="host-title" data-testid="host-panel" className="flex flex-col gap-3">
      <h2 id="host-title" className="text-lg font-bold">Host</h2>
      <dl className="flex flex-col gap-0.5 text-sm">
        <Row label="Open vSwitch" value={host.ovsVersion ?? "not found"} />
        <Row label="DPDK" value={`${host.dpdkVersion ?? "none"}${host.dpdkInitialized ? " (initialised)" : ""}`} />
        <Row label={topology?.hosts?.length ? "Datapaths (per host)" : "Datapath"} value={<span data-testid="host-datapaths">{datapaths}</span>} />
        <Row label="Datapath types" value={host.datapathTypes.join(", ") || "none"} />
        <Row
          label="PMD max sleep"
          value={host.pmdMaxSleepUs === null ? "default (busy poll)" : `${host.pmdMaxSleepUs} µs${host.pmdMaxSleepUs === PMD_RUN_MAXSLEEP_US ? " (a run is in progress)" : " when idle"}`}
        />
        <Row
          label="PMD load"
          value={host.pmdThreads?.length ? host.pmdThreads.map((t) => `${t.name.split("/")[0]} ${t.cpuPercent}% CPU`).join(", ") : "no PMD thread"}
        />
        <Row label="Userspace TSO" value={host.userspaceTso ? "on" : "off"} />
        <Row label="Docker" value={host.dockerVersion ?? "not found"} />
      </dl>
      {host.dpdkInitialized && (
        <p className="text-xs text-slate-600 dark:text-slate-400" data-testid="rtt-note">
          RTTs through the DPDK port are measured with the PMD napping at most {PMD_RUN_MAXSLEEP_US} µs between polls: ovs-lab sets pmd-maxsleep
          to that while a run is in progress and back to {PMD_IDLE_MAXSLEEP_US / 1000} ms after it, so a figure is the network&apos;s and up to
          half a millisecond of nap, not the idle nap of up to {PMD_IDLE_MAXSLEEP_US / 1000} ms.
        </p>
      )}
      <div>
        <h3 className="font-semibold">DPDK ports</h3>
        {dpdkPorts.length === 0 && <p className="text-sm text-slate-500">none in this lab</p>}
        <ul className="text-sm">
          {dpdkPorts.map(({ host, port: p }) => (
            <li key={`${host ?? ""}/${p.name}`} className="font-mono">
              {host ? `${host}: ` : ""}
              {p.name}: {p.dpdk?.driver ?? "?"}, link {p.linkState ?? "?"}{p.error ? `, ${p.error}` : ""}
            </li>
          ))}
        </ul>
      </div>
      {topology?.hosts?.length ? <LabHostsList topology={topology} /> : null}
      <div>
        <h3 className="font-semibold">Capabilities</h3>
        <ul>
          <CapabilityRow name="userspace datapath" cap={host.userspaceDatapath} />
          <CapabilityRow name="kernel datapath" cap={host.kernelDatapath} />
          <CapabilityRow name="DPDK" cap={host.dpdk} />
          <CapabilityRow name="Docker" cap={host.docker} />
        </ul>
      </div>
    </section>
  );
}
