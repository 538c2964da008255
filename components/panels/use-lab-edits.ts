"use client";
import { useMemo } from "react";
import type { ClientToServerEvents } from "@/lib/contracts/socket-events";
import type { FirewallList, FirewallRule, FlowList, FlowRule } from "@/lib/contracts/lab-edits";
import type { BridgePort, NetInterface } from "@/lib/contracts/topology";
import type { Impairment, ImpairmentList, LinkImpairment } from "@/lib/contracts/impairment";
import type { LabSocket } from "../use-lab-socket";

export type EditAnswer<T> = { ok: true; value: T } | { ok: false; error: string };

/** The page's fixes over its socket (the same operations as the HTTP routes); each resolves with the answer or the refusal in words. */
export interface LabEdits {
  setMtu: (interfaceId: string, mtu: number) => Promise<EditAnswer<NetInterface>>;
  setLink: (interfaceId: string, up: boolean) => Promise<EditAnswer<NetInterface>>;
  setAddress: (endpoint: string, address: string) => Promise<EditAnswer<NetInterface>>;
  setTag: (port: string, tag: number | null) => Promise<EditAnswer<BridgePort>>;
  listFlows: () => Promise<EditAnswer<FlowList>>;
  deleteFlow: (id: string) => Promise<EditAnswer<FlowList & { deleted: FlowRule }>>;
  listFirewall: (endpoint: string) => Promise<EditAnswer<FirewallList>>;
  deleteFirewallRule: (id: string) => Promise<EditAnswer<FirewallList & { deleted: FirewallRule }>>;
  setImpairment: (endpoint: string, impairment: Impairment | null) => Promise<EditAnswer<{ endpoint: string; link: LinkImpairment | null }>>;
  listImpairments: () => Promise<EditAnswer<ImpairmentList>>;
}

type Request<E extends keyof ClientToServerEvents> = Parameters<ClientToServerEvents[E]>[0];

export function useLabEdits(getSocket: () => LabSocket | null): LabEdits {
  return useMemo(() => {
    const call = <T>(event: keyof ClientToServerEvents, request: unknown) =>
      new Promise<EditAnswer<T>>((resolve) => {
        const socket = getSocket();
        if (!socket?.connected) return resolve({ ok: false, error: "not connected to the server" });
        // One generic path for eight typed events: the request types are checked by the wrappers below.
        (socket.emit as unknown as (e: string, r: unknown, ack: (a: EditAnswer<T>) => void) => void)(event, request, (a) => resolve(a.ok ? a : { ok: false, error: a.error }));
      });
    const req = <E extends keyof ClientToServerEvents>(r: Request<E>) => r;
    return {
      setMtu: (interfaceId, mtu) => call("interface:mtu", req<"interface:mtu">({ interfaceId, mtu })),
      setLink: (interfaceId, up) => call("interface:link", req<"interface:link">({ interfaceId, up })),
      setAddress: (endpoint, address) => call("endpoint:address", req<"endpoint:address">({ endpoint, address })),
      setTag: (port, tag) => call("port:tag", req<"port:tag">({ port, tag })),
      listFlows: () => call("flows:list", req<"flows:list">({})),
      deleteFlow: (id) => call("flow:delete", req<"flow:delete">({ id })),
      listFirewall: (endpoint) => call("firewall:list", req<"firewall:list">({ endpoint })),
      deleteFirewallRule: (id) => call("firewall:delete", req<"firewall:delete">({ id })),
      setImpairment: (endpoint, impairment) => call("impairment:set", req<"impairment:set">({ endpoint, impairment })),
      listImpairments: () => call("impairments:list", req<"impairments:list">({})),
    };
  }, [getSocket]);
}
