import { EventEmitter } from "node:events";
import type { PresenterSelection, PresenterState } from "../../lib/contracts/presenter";

/** The presenter's selection per lab: set by the operator, followed by every page of that lab that has not detached. */
export class PresenterBoard extends EventEmitter<{ state: [PresenterState] }> {
  private readonly states = new Map<string, PresenterState>();
  private seq = 0;

  set(labId: string, selection: PresenterSelection): PresenterState {
    const state: PresenterState = { ...selection, labId, seq: ++this.seq, at: new Date().toISOString() };
    this.states.set(labId, state);
    this.emit("state", state);
    return state;
  }

  get(labId: string): PresenterState | null {
    return this.states.get(labId) ?? null;
  }

  forget(labId: string): void {
    this.states.delete(labId);
  }
}
