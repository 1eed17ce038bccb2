import { AbortedError } from '../../spec/errors.ts';
import type { CallListItem, CallLogSource, CallSummary } from './model.ts';

/** The newest `capacity` calls in memory: the call log of one process without a records store. */
export class MemoryCallLog implements CallLogSource {
  readonly #calls = new Map<string, CallSummary>();
  readonly #capacity: number;

  constructor(capacity = 1000) {
    this.#capacity = capacity;
  }

  add(call: CallSummary): void {
    this.#calls.delete(call.id);
    this.#calls.set(call.id, call);
    while (this.#calls.size > this.#capacity) {
      this.#calls.delete(this.#calls.keys().next().value!);
    }
  }

  list(options: { readonly limit?: number; readonly signal?: AbortSignal } = {}) {
    if (options.signal?.aborted) return Promise.reject(new AbortedError());
    const items: CallListItem[] = [...this.#calls.values()]
      .sort((a, b) => b.startedAtEpochMs - a.startedAtEpochMs)
      .slice(0, options.limit ?? 200)
      .map(({ turnList: _turns, hasRecording: _rec, ...item }) => item);
    return Promise.resolve(items);
  }

  get(id: string, options: { readonly signal?: AbortSignal } = {}) {
    if (options.signal?.aborted) return Promise.reject(new AbortedError());
    return Promise.resolve(this.#calls.get(id));
  }
}
