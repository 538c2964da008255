import type { z } from "zod";
import type { Access } from "../../lib/contracts/access";
import { describeZodError } from "../../lib/lab-spec/schema";
import { authorize } from "../auth/authorize";
import type { Caller } from "../auth/caller";
import { LabError } from "../lab/lab-errors";
import type { LabServices } from "./lab-services";

/**
 * A thing a caller can ask for, written once: who may do it, what input it takes, what it does.
 * HTTP routes and socket events are thin adapters that call `invoke`, so the rules cannot differ.
 */
export interface Operation<Input, Output> {
  name: string;
  access: Access;
  input: z.ZodType<Input>;
  run: (services: LabServices, input: Input, caller: Caller) => Promise<Output>;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a table of operations of every input and output
export type AnyOperation = Operation<any, any>;

export function defineOperation<Schema extends z.ZodType, Output>(definition: {
  name: string;
  access: Access;
  input: Schema;
  run: (services: LabServices, input: z.output<Schema>, caller: Caller) => Promise<Output> | Output;
}): Operation<z.output<Schema>, Output> {
  return {
    name: definition.name,
    access: definition.access,
    input: definition.input as unknown as z.ZodType<z.output<Schema>>,
    run: async (services, input, caller) => definition.run(services, input, caller),
  };
}

/**
 * Authorise, then read and validate the input, then act. The input is read only after the caller
 * passed, so a refused caller costs no body parsing and learns nothing about the input's rules.
 */
export async function invoke<Input, Output>(
  operation: Operation<Input, Output>,
  services: LabServices,
  caller: Caller,
  readInput: () => unknown,
): Promise<Output> {
  authorize(operation.access, caller, operation.name, services.lab?.labId);
  const parsed = operation.input.safeParse(await readInput());
  if (!parsed.success) throw new LabError("invalid", describeZodError(parsed.error));
  return operation.run(services, parsed.data, caller);
}
