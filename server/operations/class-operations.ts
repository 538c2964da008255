import { z } from "zod";
import { CLASS_ID_PATTERN, classRequestSchema } from "../../lib/contracts/classroom";
import { presenterStateSchema } from "../../lib/contracts/presenter";
import { classResultsCsv } from "../../lib/classroom/class-csv";
import { AccessError } from "../auth/authorize";
import { listScenarios } from "../scenarios/load-scenario";
import { defineOperation } from "./operation";
import { noInput } from "./lab-operations";

const classId = z.object({ id: z.string().regex(CLASS_ID_PATTERN, "a class id: 3 lower-case letters or digits") }).strict();

export const scenarioList = defineOperation({
  name: "scenarios",
  access: "viewer",
  input: noInput,
  run: async ({ ctx }) => ({ scenarios: await listScenarios(ctx.config.projectRoot) }),
});

/** A class for N students: each gets a lab of the scenario, with its own faults, and a personal link. */
export const classCreate = defineOperation({
  name: "class start",
  access: "operator",
  input: classRequestSchema,
  run: ({ classes }, request) => classes.create(request),
});

export const classList = defineOperation({
  name: "class list",
  access: "operator",
  input: noInput,
  run: ({ classes }) => ({ classes: classes.list() }),
});

/** The teacher's grid (with each student's link): the operator's only. */
export const classGet = defineOperation({
  name: "class",
  access: "operator",
  input: classId,
  run: ({ classes }, { id }) => classes.view(id),
});

export const classCsv = defineOperation({
  name: "class results",
  access: "operator",
  input: classId,
  run: ({ classes }, { id }) => ({ fileName: `ovs-lab-class-${id}.csv`, text: classResultsCsv(classes.view(id)) }),
});

export const classEnd = defineOperation({
  name: "class end",
  access: "operator",
  input: classId,
  run: ({ classes }, { id }) => classes.end(id),
});

/** A student's own page: their steps and checks. Anyone else has no student view. */
export const studentView = defineOperation({
  name: "student view",
  access: "viewer",
  input: noInput,
  run: ({ classes }, _input, caller) => {
    if (caller.role !== "student" || !caller.student) throw new AccessError("forbidden", "only a student's personal link has a student view; ask your teacher for yours");
    return classes.studentView(caller.student);
  },
});

/** The presenter's selection on the request's lab: every page of it that follows sees it. */
export const presenterSet = defineOperation({
  name: "presenter",
  access: "operator",
  input: presenterStateSchema,
  run: ({ presenter, lab }, selection) => presenter.set(lab.labId, selection),
});

export const presenterGet = defineOperation({
  name: "presenter state",
  access: "viewer",
  input: noInput,
  run: ({ presenter, lab }) => presenter.get(lab.labId),
});
