/** What each café conversation has ordered so far, for the hints. Bounded: oldest dropped first. */
export interface CafeState {
  readonly items: string[];
  hints: number;
}

export class CafeSessions {
  readonly #states = new Map<string, CafeState>();
  readonly #maxSessions: number;

  constructor(maxSessions = 1000) {
    this.#maxSessions = maxSessions;
  }

  get(sessionId: string): CafeState {
    let state = this.#states.get(sessionId);
    if (!state) {
      state = { items: [], hints: 0 };
      this.#states.set(sessionId, state);
      if (this.#states.size > this.#maxSessions) {
        const oldest = this.#states.keys().next().value;
        if (oldest !== undefined) this.#states.delete(oldest);
      }
    }
    return state;
  }
}
