import { terminalCloseSchema, terminalInputSchema, terminalOpenSchema, terminalResizeSchema } from "../../lib/contracts/terminal-inputs";
import { AccessError } from "../auth/authorize";
import type { Caller } from "../auth/caller";
import type { TerminalSession } from "../terminal/terminal-session";
import { defineOperation } from "./operation";

/** A terminal is a root shell on the host: the operator's alone, whatever a student's scenario allows. */
function operatorOnly(caller: Caller): void {
  if (caller.role !== "operator") throw new AccessError("forbidden", "a terminal is a root shell on the host: only the operator may open or use one");
}

/**
 * The terminal operations of one page (`owner`, the socket that opened them): a terminal is
 * reached only through the operations of the page that opened it.
 */
export function terminalOperations(owner: string) {
  return {
    open: defineOperation({
      name: "terminal",
      access: "operator",
      input: terminalOpenSchema,
      run: ({ terminals, lab }, { target, cols, rows }, caller): Promise<TerminalSession> => {
        operatorOnly(caller);
        return terminals.open(owner, lab, target, cols, rows);
      },
    }),
    input: defineOperation({
      name: "terminal input",
      access: "operator",
      input: terminalInputSchema,
      run: ({ terminals }, { id, data }, caller) => {
        operatorOnly(caller);
        terminals.get(owner, id).write(data);
        return { id };
      },
    }),
    resize: defineOperation({
      name: "terminal resize",
      access: "operator",
      input: terminalResizeSchema,
      run: ({ terminals }, { id, cols, rows }, caller) => {
        operatorOnly(caller);
        const session = terminals.get(owner, id);
        session.resize(cols, rows);
        return session.info();
      },
    }),
    close: defineOperation({
      name: "terminal close",
      access: "operator",
      input: terminalCloseSchema,
      run: async ({ terminals }, { id }, caller) => {
        operatorOnly(caller);
        return terminals.get(owner, id).close("closed");
      },
    }),
  };
}
