/**
 * Class figures (issue 11): a class of 10 students (10 seed labs on this host) and 50 viewers on
 * socket.io, against the server as `npm run up` runs it (a child process, UI included).
 * Prints: time to start the class, the server's memory and CPU at rest (and its agents'), the delay
 * from a student's fix to the teacher's grid, and from the presenter's click to the 50th viewer.
 * `runClassBench()` is called by bench/main.ts; `npx tsx bench/class-bench.ts` runs it alone. Figures only.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { rm } from "node:fs/promises";
import path from "node:path";
import { io as connect, type Socket } from "socket.io-client";
import { createApiClient } from "../lib/api-client/api-client";
import type { ClassView, StudentRow } from "../lib/contracts/classroom";
import type { ClientToServerEvents, ServerToClientEvents } from "../lib/contracts/socket-events";
import { ensureBuild } from "./ui-bench";

type LabSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

const projectRoot = path.resolve(import.meta.dirname, "..");
const PORT = 3996;
const STUDENTS = Number(process.env.BENCH_CLASS_STUDENTS ?? 10);
const VIEWERS = Number(process.env.BENCH_CLASS_VIEWERS ?? 50);
const SAMPLES = Number(process.env.BENCH_CLASS_SAMPLES ?? 10);
const DATA_DIR = path.join(projectRoot, ".cache/bench-class-data");

const stats = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return `median ${s[Math.floor(s.length / 2)].toFixed(0)} ms (min ${s[0].toFixed(0)}, max ${s[s.length - 1].toFixed(0)}, n=${s.length})`;
};
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
  return (Number(fields[11]) + Number(fields[12])) / 100; // utime + stime, in clock ticks of 1/100 s
}
const rssMb = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? 0) / 1024;

/** Every process whose ancestry leads to `root` (agents run under nsenter, children of the server). */
function descendants(root: number): number[] {
  const parent = new Map<number, number>();
  for (const name of readdirSync("/proc").filter((n) => /^\d+$/.test(n))) {
    try {
      parent.set(Number(name), Number(readFileSync(`/proc/${name}/stat`, "utf8").split(") ")[1].split(" ")[1]));
    } catch {
      // gone meanwhile
    }
  }
  const out: number[] = [];
  for (const pid of parent.keys()) {
    for (let p = parent.get(pid); p && p > 1; p = parent.get(p))
      if (p === root) {
        out.push(pid);
        break;
      }
  }
  return out;
}

async function startServer(token: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", "server/main.ts"], {
    cwd: projectRoot,
    env: { ...process.env, PORT: String(PORT), HOST: "127.0.0.1", OVSLAB_LAB_ID: "cb", OVSLAB_TOKEN: token, OVSLAB_DATA_DIR: DATA_DIR, OVSLAB_CLASS_NET: "10.74" },
    stdio: ["ignore", "ignore", "inherit"],
  });
  for (let i = 0; i < 240; i++) {
    if (await fetch(`http://127.0.0.1:${PORT}/api/health`).then((r) => r.status < 500, () => false)) return child;
    await sleep(250);
  }
  child.kill("SIGKILL");
  throw new Error("the class bench's server did not answer within 60 s");
}

const socketTo = (query: Record<string, string>, token?: string): Promise<LabSocket> =>
  new Promise((resolve, reject) => {
    const s: LabSocket = connect(`http://127.0.0.1:${PORT}`, { transports: ["websocket"], query, auth: token ? { token } : {}, forceNew: true });
    s.once("hello", () => resolve(s));
    s.once("connect_error", reject);
  });

export async function runClassBench(): Promise<void> {
  await ensureBuild();
  const token = randomBytes(24).toString("base64url");
  const server = await startServer(token);
  const base = `http://127.0.0.1:${PORT}`;
  const api = createApiClient({ baseUrl: base, token });
  const sockets: LabSocket[] = [];
  let classId: string | null = null;
  try {
    console.log(`\nClass: ${STUDENTS} students on the seed scenario (${STUDENTS} seed labs), ${VIEWERS} viewers on socket.io; the server as npm run up runs it`);
    const t0 = performance.now();
    const created = await api.classCreate({ body: { scenario: "seed-story", students: STUDENTS, seed: "bench" } });
    classId = created.classId;
    const answeredMs = performance.now() - t0;
    let view: ClassView = created;
    while (!view.students.every((s) => s.state !== "building" && Object.keys(s.checks).length > 0)) {
      await sleep(200);
      view = await api.classGet({ params: { id: created.classId } });
    }
    const readyMs = performance.now() - t0;
    const failed = view.students.filter((s) => s.state === "failed");
    console.log(`  start the class: answered in ${answeredMs.toFixed(0)} ms; every lab built, faults planted and first graded in ${(readyMs / 1000).toFixed(1)} s${failed.length ? ` (${failed.length} failed: ${failed[0].error})` : ""}`);

    await sleep(5000); // the first runs' echoes settle
    const tree = [server.pid!, ...descendants(server.pid!)];
    const cpuOf = (p: number) => {
      try {
        return cpuSeconds(p);
      } catch {
        return 0;
      }
    };
    const cpuBefore = tree.map(cpuOf);
    await sleep(10_000);
    const cpuAfter = tree.map(cpuOf);
    const serverCpu = (cpuAfter[0] - cpuBefore[0]) / 10;
    const treeCpu = cpuAfter.reduce((a, c, i) => a + c - cpuBefore[i], 0) / 10;
    const agentsRss = tree.slice(1).reduce((a, p) => {
      try {
        return a + rssMb(p);
      } catch {
        return a;
      }
    }, 0);
    console.log(`  at rest: server ${rssMb(server.pid!).toFixed(0)} MB RSS, ${(serverCpu * 100).toFixed(1)} % of a core; with its ${tree.length - 1} child processes (probe agents, link monitors): +${agentsRss.toFixed(0)} MB, ${(treeCpu * 100).toFixed(1)} % of a core in all`);

    // The teacher's grid, live.
    const teacher = await socketTo({}, token);
    sockets.push(teacher);
    await new Promise<void>((resolve) => teacher.emit("class:watch", { id: created.classId }, () => resolve()));
    const fixDelays: number[] = [];
    const retestDelays: number[] = [];
    /** When the teacher's grid first shows this student's check in this state. */
    const gridShows = (labId: string, check: string, wanted: string) =>
      new Promise<number>((resolve) => {
        const onUpdate = (v: ClassView) => {
          if (v.students.find((s) => s.labId === labId)?.checks[check]?.status !== wanted) return;
          teacher.off("class:update", onUpdate);
          resolve(performance.now());
        };
        teacher.on("class:update", onUpdate);
      });
    for (let i = 0; i < SAMPLES; i++) {
      const student: StudentRow = view.students[Math.floor(i / 2) % view.students.length];
      const mine = createApiClient({ baseUrl: base, token: new URL(student.link, base).searchParams.get("student")!, labId: student.labId });
      // Off (the fix), then on again, for each student in turn. With c1's offload off, c1->server TCP works (the server's is off).
      const fixing = i % 2 === 0;
      const offloadCheck = gridShows(student.labId, "c1-tx-off", fixing ? "passed" : "failed");
      const cellCheck = gridShows(student.labId, "tcp-c1-server", fixing ? "passed" : "failed");
      const t = performance.now();
      await mine.offloadSet({ params: { id: "c1:eth0" }, body: { tx: !fixing } });
      fixDelays.push((await offloadCheck) - t);
      retestDelays.push((await cellCheck) - t);
      await sleep(500);
    }
    console.log(`  a student's fix to the teacher's grid showing it (the offload check): ${stats(fixDelays)}  target <= 500 ms  ${median(fixDelays) <= 500 ? "MET" : "MISSED"}`);
    console.log(`  ... and the re-tested TCP cell check (the lab tested again, judged):   ${stats(retestDelays)}`);

    // The presenter's click to the last of 50 viewers following it.
    const labId = view.students[0].labId;
    for (let i = 0; i < VIEWERS; i++) sockets.push(await socketTo({ lab: labId }));
    const viewers = sockets.slice(1);
    const presenter = await socketTo({ lab: labId }, token);
    sockets.push(presenter);
    const followDelays: number[] = [];
    for (let i = 0; i < SAMPLES; i++) {
      const cell = `tcp:c${(i % 2) + 1}>server`;
      const t = performance.now();
      const all = Promise.all(viewers.map((v) => new Promise<void>((resolve) => {
        const on = (s: { cell: string | null }) => {
          if (s.cell !== cell) return;
          v.off("presenter:state", on);
          resolve();
        };
        v.on("presenter:state", on);
      })));
      presenter.emit("presenter:set", { cell, node: null, panel: "matrix", step: null }, () => undefined);
      await all;
      followDelays.push(performance.now() - t);
      await sleep(100);
    }
    console.log(`  the presenter's click to the ${VIEWERS}th viewer following: ${stats(followDelays)}  target <= 300 ms  ${median(followDelays) <= 300 ? "MET" : "MISSED"}`);
  } finally {
    sockets.forEach((s) => s.close());
    if (classId) await api.classEnd({ params: { id: classId } }).catch((err) => console.error(`  could not end the class: ${String(err)}`));
    server.kill("SIGTERM");
    await new Promise((r) => server.once("exit", r));
    await rm(DATA_DIR, { recursive: true, force: true });
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  runClassBench().then(
    () => process.exit(0),
    (err) => {
      console.error(err);
      process.exit(1);
    },
  );
}
