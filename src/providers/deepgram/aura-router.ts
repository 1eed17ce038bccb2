import { AbortedError } from '../../spec/errors.ts';
import type { FrameRouter, Route, WsFrame } from '../shared/routed-socket.ts';

/**
 * Aura's socket has no reply ids: its replies take turns, and every frame goes to the
 * reply whose turn it is. After a `Clear` (a barge-in), frames are dropped until the
 * server's `Cleared`, so the next reply never hears the end of the last one.
 */
export class AuraRouter implements FrameRouter {
  clearing = false;
  #current: string | undefined;
  #queue: { id: string; go: () => void }[] = [];

  route(frame: WsFrame): Route {
    if (this.clearing) {
      if (frame.type === 'text' && typeOf(frame.data) === 'Cleared') this.clearing = false;
      return 'drop';
    }
    return this.#current === undefined ? 'drop' : { to: this.#current };
  }

  /** Resolves when `id` may use the socket: at once, or when the reply before it ends. */
  takeTurn(id: string, signal: AbortSignal): Promise<void> {
    if (this.#current === undefined) {
      this.#current = id;
      return Promise.resolve();
    }
    return new Promise<void>((resolve, reject) => {
      if (signal.aborted) {
        reject(new AbortedError('aborted while waiting for the socket', { cause: signal.reason }));
        return;
      }
      const waiter = {
        id,
        go: () => {
          signal.removeEventListener('abort', onAbort);
          resolve();
        },
      };
      const onAbort = () => {
        this.#queue = this.#queue.filter((queued) => queued !== waiter);
        reject(new AbortedError('aborted while waiting for the socket', { cause: signal.reason }));
      };
      signal.addEventListener('abort', onAbort, { once: true });
      this.#queue.push(waiter);
    });
  }

  endTurn(id: string): void {
    if (this.#current !== id) return;
    const next = this.#queue.shift();
    this.#current = next?.id;
    next?.go();
  }
}

function typeOf(data: string): string | undefined {
  try {
    return (JSON.parse(data) as { type?: string }).type;
  } catch (error: unknown) {
    if (error instanceof SyntaxError) return undefined;
    throw error;
  }
}
