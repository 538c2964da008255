import { EventEmitter } from "node:events";
import { randomBytes, randomInt } from "node:crypto";
import { CLASS_ID_PATTERN, type ClassRequest, type ClassSummary, type ClassView, type StudentRow, type StudentView } from "../../lib/contracts/classroom";
import type { PlantedFault } from "../../lib/scenarios/fault-kinds";
import type { Scenario } from "../../lib/scenarios/scenario-schema";
import type { LabSpec } from "../../lib/lab-spec/schema";
import type { StudentDirectory, StudentIdentity } from "../auth/caller";
import type { HostContext } from "../host/host-context";
import type { LabRegistry } from "../lab/lab-registry";
import { LabError } from "../lab/lab-errors";
import { plantFaults } from "../faults/fault-catalog";
import { labTargetOf } from "../faults/lab-target";
import { loadScenario, prepareScenario } from "../scenarios/load-scenario";
import { mapLimited } from "../../lib/async/map-limited";
import { StudentGrader } from "./student-grader";

/** What a student may always do on their own lab, besides the scenario's fixes: test it, ask why, capture. */
export const STUDENT_BASE_OPERATIONS = ["matrix run", "diagnosis", "capture", "capture stop"];

/** Where student labs' /24s come from: `<net>.<n>.0/24`, n unique across the classes in progress. */
const CLASS_NET = /^\d{1,3}\.\d{1,3}$/.test(process.env.OVSLAB_CLASS_NET ?? "") ? process.env.OVSLAB_CLASS_NET! : "10.79";
const MAX_CLASSES = 8;
/** Student labs built at once (Docker and the CPU are the limit). */
const BUILDS_AT_ONCE = 3;

interface Student {
  index: number;
  name: string;
  labId: string;
  token: string;
  subnet: number;
  state: StudentRow["state"];
  error: string | null;
  spec: LabSpec;
  faults: PlantedFault[];
  operations: string[];
  grader: StudentGrader | null;
}

interface ClassSession {
  id: string;
  scenario: Scenario;
  createdAt: string;
  endsAt: string | null;
  students: Student[];
  /** The labs being built: ending the class waits for it, so no lab comes up after its class ended. */
  built: Promise<void>;
}

export interface ClassRegistryEvents {
  /** A class's grid changed (a student's grades, a lab built). */
  update: [string];
  /** A student's own view changed. */
  student: [string, StudentView];
}

/**
 * The classes in progress: each student gets a lab of the scenario, with faults drawn from the
 * class's seed, and a personal link; the graders fill the teacher's grid live. Ending a class
 * removes every student lab.
 */
export class ClassRegistry extends EventEmitter<ClassRegistryEvents> implements StudentDirectory {
  private readonly classes = new Map<string, ClassSession>();
  private readonly byTokenMap = new Map<string, { session: ClassSession; student: Student }>();

  constructor(
    private readonly ctx: HostContext,
    private readonly labs: LabRegistry,
  ) {
    super();
  }

  byToken(token: string): StudentIdentity | null {
    const found = this.byTokenMap.get(token);
    if (!found) return null;
    const { session, student } = found;
    return { classId: session.id, labId: student.labId, name: student.name, operations: student.operations };
  }

  /** Validates everything, answers with the class at once; the labs are built in the background (the grid shows them come up). */
  async create(request: ClassRequest): Promise<ClassView> {
    if (this.classes.size >= MAX_CLASSES) throw new LabError("conflict", `${MAX_CLASSES} classes are in progress; end one first`);
    const scenario = await loadScenario(this.ctx.config.projectRoot, request.scenario);
    const names = typeof request.students === "number" ? Array.from({ length: request.students }, (_, i) => `Student ${i + 1}`) : request.students;
    const id = this.newClassId();
    const seed = request.seed ?? randomBytes(8).toString("hex");
    const subnets = this.freeSubnets(names.length);
    const session: ClassSession = {
      id,
      scenario,
      createdAt: new Date().toISOString(),
      endsAt: request.minutes ? new Date(Date.now() + request.minutes * 60_000).toISOString() : null,
      students: [],
      built: Promise.resolve(),
    };
    for (const [i, name] of names.entries()) {
      const labId = `q${id}${String(i + 1).padStart(2, "0")}`;
      const prepared = await prepareScenario(this.ctx.config.projectRoot, scenario.id, { labId, subnet24: `${CLASS_NET}.${subnets[i]}` }, `${seed}:${i + 1}`);
      const student: Student = {
        index: i + 1,
        name,
        labId,
        token: randomBytes(24).toString("base64url"),
        subnet: subnets[i],
        state: "building",
        error: null,
        spec: prepared.spec,
        faults: prepared.faults,
        operations: [...new Set([...STUDENT_BASE_OPERATIONS, ...prepared.operations])].sort(),
        grader: null,
      };
      session.students.push(student);
      this.byTokenMap.set(student.token, { session, student });
    }
    this.classes.set(id, session);
    session.built = this.build(session);
    return this.view(id);
  }

  private async build(session: ClassSession): Promise<void> {
    await mapLimited(session.students, BUILDS_AT_ONCE, async (student) => {
      try {
        const handle = await this.labs.open(student.labId);
        this.labs.markClass(student.labId, session.id);
        if (!this.classes.has(session.id)) return; // ended while it waited
        await handle.lab.up(student.spec);
        if (!this.classes.has(session.id)) return;
        await handle.lab.exclusive("plant faults", async () => plantFaults(this.ctx, labTargetOf(await handle.lab.refresh()), student.faults));
        const grader = new StudentGrader(this.ctx, handle, session.scenario, student.faults);
        grader.on("grades", () => {
          this.emit("update", session.id);
          this.emit("student", student.labId, this.studentViewOf(session, student));
        });
        student.grader = grader;
        student.state = "ready";
        if (this.classes.has(session.id)) grader.start();
      } catch (err) {
        student.state = "failed";
        student.error = (err as Error).message;
      }
      this.emit("update", session.id);
    });
  }

  list(): ClassSummary[] {
    return [...this.classes.values()].map((c) => ({ classId: c.id, scenario: c.scenario.id, students: c.students.length, createdAt: c.createdAt, endsAt: c.endsAt }));
  }

  private require(classId: string): ClassSession {
    const session = this.classes.get(classId);
    if (!session) throw new LabError("notFound", `no class "${classId}"; classes in progress: ${[...this.classes.keys()].join(", ") || "none"}`);
    return session;
  }

  /** The teacher's grid: every student, every check, when each first passed. */
  view(classId: string): ClassView {
    const session = this.require(classId);
    return {
      classId: session.id,
      scenario: { id: session.scenario.id, title: session.scenario.title },
      checks: session.scenario.checks.map((c) => ({ id: c.id, title: c.pass ?? c.id })),
      createdAt: session.createdAt,
      endsAt: session.endsAt,
      students: session.students.map((s) => {
        const grades = s.grader?.grades ?? null;
        return {
          index: s.index,
          name: s.name,
          labId: s.labId,
          link: `/labs/${s.labId}?student=${s.token}`,
          state: s.state,
          error: s.error,
          checks: grades?.checks ?? {},
          percent: grades?.percent ?? 0,
          evaluatedAt: grades?.evaluatedAt ?? null,
        };
      }),
    };
  }

  /** A student's own page: steps and checks, never the faults. */
  studentView(identity: StudentIdentity): StudentView {
    const session = this.require(identity.classId);
    const student = session.students.find((s) => s.labId === identity.labId);
    if (!student) throw new LabError("notFound", `no student lab ${identity.labId} in class ${identity.classId}`);
    return this.studentViewOf(session, student);
  }

  private studentViewOf(session: ClassSession, student: Student): StudentView {
    const grades = student.grader?.grades ?? null;
    const stepDone = new Map(grades?.steps.map((s) => [s.id, s.done]) ?? []);
    return {
      classId: session.id,
      name: student.name,
      labId: student.labId,
      scenario: { id: session.scenario.id, title: session.scenario.title, summary: session.scenario.summary },
      steps: session.scenario.steps.map((step) => ({ id: step.id, title: step.title, body: step.body, done: stepDone.get(step.id) ?? false, checks: step.checks })),
      checks: session.scenario.checks.map((c) => {
        const cell = grades?.checks[c.id];
        return { id: c.id, status: cell?.status ?? "pending", message: cell?.message ?? (student.state === "failed" ? `the lab could not be built: ${student.error}` : "your lab is being built"), firstPassedAt: cell?.firstPassedAt ?? null };
      }),
      percent: grades?.percent ?? 0,
      endsAt: session.endsAt,
      operations: student.operations,
    };
  }

  /** Ends the class: graders stopped, links dead, every student lab brought down and forgotten. */
  async end(classId: string): Promise<{ classId: string; removed: number }> {
    const session = this.require(classId);
    this.classes.delete(classId);
    let removed = 0;
    for (const student of session.students) this.byTokenMap.delete(student.token);
    await session.built;
    for (const student of session.students) student.grader?.stop();
    await mapLimited(session.students, BUILDS_AT_ONCE, async (student) => {
      const handle = await this.labs.open(student.labId);
      removed += (await handle.lab.down()).removed;
      this.labs.close(student.labId);
    });
    return { classId, removed };
  }

  async endAll(): Promise<void> {
    for (const id of [...this.classes.keys()]) await this.end(id).catch(() => undefined);
  }

  private newClassId(): string {
    const alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
    for (;;) {
      const id = Array.from({ length: 3 }, () => alphabet[randomInt(alphabet.length)]).join("");
      if (CLASS_ID_PATTERN.test(id) && !this.classes.has(id) && !this.labs.list().some((h) => h.lab.labId.startsWith(`q${id}`))) return id;
    }
  }

  private freeSubnets(n: number): number[] {
    const used = new Set([...this.classes.values()].flatMap((c) => c.students.map((s) => s.subnet)));
    const free = Array.from({ length: 254 }, (_, i) => i + 1).filter((k) => !used.has(k));
    if (free.length < n) throw new LabError("conflict", `only ${free.length} free /24s left in ${CLASS_NET}.0.0/16 for student labs; end a class first`);
    return free.slice(0, n);
  }
}
