import { readdirSync, readFileSync } from "node:fs";

/** Every descendant of `root` now (children of each of its threads, recursively), read from /proc. */
export function descendantPids(root: number): number[] {
  const found = new Set<number>();
  const stack = [root];
  while (stack.length) {
    const pid = stack.pop()!;
    let tasks: string[];
    try {
      tasks = readdirSync(`/proc/${pid}/task`);
    } catch {
      continue; // gone already
    }
    for (const task of tasks) {
      let children = "";
      try {
        children = readFileSync(`/proc/${pid}/task/${task}/children`, "utf8");
      } catch {
        // the thread ended meanwhile
      }
      for (const child of children.split(" ").filter(Boolean).map(Number)) {
        if (child === root || found.has(child)) continue;
        found.add(child);
        stack.push(child);
      }
    }
  }
  return [...found];
}

/** Sends a signal to each pid that still exists; a pid that is gone is not an error. */
export function signalEach(pids: readonly number[], signal: NodeJS.Signals): void {
  for (const pid of pids) {
    try {
      process.kill(pid, signal);
    } catch {
      // already gone
    }
  }
}
