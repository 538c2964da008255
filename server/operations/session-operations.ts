import type { SessionInfo } from "../../lib/contracts/access";
import { noInput } from "./lab-operations";
import { defineOperation } from "./operation";

export const session = defineOperation({
  name: "session",
  access: "viewer",
  input: noInput,
  run: (_services, _input, caller): SessionInfo => ({
    role: caller.role,
    credential: caller.credential,
    viewingAsViewer: caller.viewingAsViewer,
    ...(caller.student ? { student: { classId: caller.student.classId, labId: caller.student.labId, name: caller.student.name } } : {}),
  }),
});

/** The transport clears the cookie; the answer is the session that remains: a viewer's. */
export const logout = defineOperation({
  name: "log out",
  access: "viewer",
  input: noInput,
  run: (): SessionInfo => ({ role: "viewer", credential: "none", viewingAsViewer: false }),
});
