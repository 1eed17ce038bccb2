/**
 * A FIFO lane: tasks run one at a time, in the order they were queued, each
 * after the previous one settled (a failure does not stop the lane). Native
 * calls that must never overlap — every call on decoders that share one
 * language model, whose trie keeps a mutable score cache — run through one lane.
 */
export class Lane {
  #tail: Promise<unknown> = Promise.resolve();
  #queued = 0;

  /** Tasks queued or running. */
  get length(): number {
    return this.#queued;
  }

  run<T>(task: () => T | Promise<T>): Promise<T> {
    this.#queued += 1;
    const run = this.#tail.then(task).finally(() => {
      this.#queued -= 1;
    });
    this.#tail = run.catch((error: unknown) => void error);
    return run;
  }
}
