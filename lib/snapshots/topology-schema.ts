import { z } from "zod";
import type { HostFacts } from "../contracts/host-facts";
import { PROBE_ERRORS, PROTOCOLS, type MatrixRun } from "../contracts/matrix";
import { OFFLOAD_FEATURE_NAMES, type OffloadFeature, type OffloadState } from "../contracts/offload";
import type { Topology } from "../contracts/topology";

/** zod mirrors of the live DTOs, so a snapshot file from elsewhere is checked field by field. */
const name = z.string().max(256);
const featureState = z.object({ on: z.boolean(), fixed: z.boolean() }).strict();
const offloadState: z.ZodType<OffloadState> = z
  .object(Object.fromEntries(OFFLOAD_FEATURE_NAMES.map((f) => [f, featureState.optional()])) as Record<OffloadFeature, z.ZodOptional<typeof featureState>>)
  .strict();
const count = z.number().int().min(0);

const netInterface = z
  .object({
    id: name,
    owner: name,
    ifname: name,
    role: z.enum(["container-end", "bridge-port", "bridge-internal", "dpdk-wire", "other"]),
    kind: name,
    mac: name.nullable(),
    mtu: z.number().int().nullable(),
    up: z.boolean(),
    addresses: z.array(name).max(64),
    peerId: name.nullable(),
    offload: offloadState,
    counters: z
      .object({ rxPackets: count, txPackets: count, rxDropped: count, txDropped: count, rxErrors: count, txErrors: count })
      .strict()
      .nullable(),
  })
  .strict();

const bridgePort = z
  .object({
    name,
    type: name,
    interfaceId: name.nullable(),
    ofport: z.number().int().nullable(),
    linkState: name.nullable(),
    error: z.string().max(4000).nullable(),
    tag: z.number().int().min(0).max(4095).optional(),
    trunks: z.array(z.number().int().min(0).max(4095)).max(4096).optional(),
    patch: z.object({ peerPort: name, peerBridge: name.nullable() }).strict().optional(),
    dpdk: z.object({ devargs: z.string().max(1000), driver: name.nullable(), wireInterfaceId: name.nullable() }).strict().optional(),
  })
  .strict();

const bridgeSchema = z.object({ name, datapathType: name, ports: z.array(bridgePort).max(512) }).strict();

export const topologySchema: z.ZodType<Topology> = z
  .object({
    labId: name,
    bridge: bridgeSchema.nullable(),
    bridges: z.array(bridgeSchema).max(16).optional(),
    endpoints: z
      .array(
        z
          .object({
            name,
            kind: z.enum(["host", "container", "netns"]),
            state: z.enum(["running", "stopped", "missing"]),
            ipv4: name.nullable(),
            runtimeName: name,
            interfaceIds: z.array(name).max(64),
          })
          .strict(),
      )
      .max(256),
    interfaces: z.array(netInterface).max(2048),
    links: z.array(z.object({ id: name, kind: z.enum(["veth", "bridge-port", "dpdk-wire", "patch"]), a: name, b: name }).strict()).max(4096),
    discoveredAt: name,
  })
  .strict();

const capability = z.object({ available: z.boolean(), reason: z.string().max(2000).optional() }).strict();

export const hostFactsSchema: z.ZodType<HostFacts> = z
  .object({
    ovsVersion: name.nullable(),
    dpdkVersion: name.nullable(),
    dpdkInitialized: z.boolean(),
    datapathTypes: z.array(name).max(32),
    interfaceTypes: z.array(name).max(64),
    dockerVersion: name.nullable(),
    kernelDatapath: capability,
    userspaceDatapath: capability,
    dpdk: capability,
    docker: capability,
    bridgeNetfilter: z.object({ callIptables: z.boolean().nullable(), forwardPolicy: name.nullable() }).strict(),
    pmdMaxSleepUs: z.number().nullable(),
    pmdThreads: z.array(z.object({ name, cpuPercent: z.number() }).strict()).max(64).optional(),
    userspaceTso: z.boolean(),
  })
  .strict();

export const probeResultSchema = z
  .object({
    runId: name,
    from: name,
    to: name,
    protocol: z.enum(PROTOCOLS),
    ok: z.boolean(),
    rttMs: z.number().nullable(),
    error: z.enum(PROBE_ERRORS).nullable(),
    detail: z.string().max(2000).optional(),
    droppedBy: name.optional(),
    evidence: z
      .object({
        counter: z.enum(["Tcp InCsumErrors", "Udp InCsumErrors"]),
        endpoint: name,
        delta: count,
        packet: z.object({ kind: name, checksum: name, expected: name }).strict().optional(),
      })
      .strict()
      .optional(),
    at: name,
  })
  .strict();

export const matrixRunSchema: z.ZodType<MatrixRun> = z
  .object({
    runId: name,
    protocols: z.array(z.enum(PROTOCOLS)).max(3),
    endpoints: z.array(name).max(256),
    total: count,
    startedAt: name,
    finishedAt: name.nullable(),
    durationMs: z.number().nullable(),
    results: z.array(probeResultSchema).max(200_000),
  })
  .strict();
