import type { Clock } from '../../spec/clock.ts';
import { AbortedError, ClosedError } from '../../spec/errors.ts';
import { systemClock } from '../../stream/system-clock.ts';
import type { WsConnection } from '../resilience/ws.ts';
import { type FrameRouter, RoutedSocket } from './routed-socket.ts';

export interface SessionSocketsOptions<R extends FrameRouter> {
  readonly provider: string;
  /** Opens one socket (with its retries); `signal` lasts as long as the session. */
  readonly connect: (key: string, signal: AbortSignal) => Promise<WsConnection>;
  /** A fresh router for each new socket. */
  readonly router: () => R;
  /** The vendor's polite close message (`close_socket`, `Close`), sent before the close frame. */
  readonly goodbye?: string;
  /**
   * A socket unused this long is not trusted any more and a new one is opened: set it a
   * little under the vendor's documented idle timeout so no reply races the vendor's close.
   */
  readonly maxIdleMs?: number;
  /** Longest wait for the closing handshake at the end. Default 2000. */
  readonly closeWaitMs?: number;
  readonly clock?: Clock;
}

interface Slot<R extends FrameRouter> {
  readonly opening: Promise<RoutedSocket<R>>;
  socket?: RoutedSocket<R>;
  lastUsedMs: number;
}

/**
 * The vendor sockets of one session, one per key (voice and rate, where the vendor fixes
 * them per socket): opened by the first reply that needs one, reused by every reply after
 * it, opened again when the vendor has closed it (idle timeout) or it sat idle past
 * `maxIdleMs`, and all closed by `close()`. A reply's abort stops its wait, never the
 * session's handshake.
 */
export class SessionSockets<R extends FrameRouter> {
  readonly #options: SessionSocketsOptions<R>;
  readonly #clock: Clock;
  readonly #life = new AbortController();
  readonly #slots = new Map<string, Slot<R>>();
  readonly #retiring = new Set<RoutedSocket<R>>();
  #closed = false;
  #opened = 0;

  constructor(options: SessionSocketsOptions<R>) {
    this.#options = options;
    this.#clock = options.clock ?? systemClock;
  }

  /** Sockets opened so far (reconnects included). */
  get opened(): number {
    return this.#opened;
  }

  /** The live socket for `key`, opening one when there is none. */
  async use(key: string, signal: AbortSignal): Promise<RoutedSocket<R>> {
    if (this.#closed) throw new ClosedError(`${this.#options.provider}: the session has closed`);
    const nowMs = this.#clock.now();
    let slot = this.#slots.get(key);
    const maxIdleMs = this.#options.maxIdleMs ?? Infinity;
    if (slot?.socket && (slot.socket.ended || nowMs - slot.lastUsedMs > maxIdleMs)) {
      this.#retire(key, slot);
      slot = undefined;
    }
    slot ??= this.#open(key);
    slot.lastUsedMs = nowMs;
    return untilAborted(slot.opening, signal);
  }

  /** Notes that a reply just used the socket (the vendor's idle clock restarts). */
  touch(key: string): void {
    const slot = this.#slots.get(key);
    if (slot) slot.lastUsedMs = this.#clock.now();
  }

  /** Closes every socket politely, then drops any handshake still running. Never rejects. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    const sockets = [...this.#slots.values()].flatMap((slot) => slot.socket ?? []);
    this.#slots.clear();
    await Promise.all([...sockets, ...this.#retiring].map((socket) => this.#closeSocket(socket)));
    this.#retiring.clear();
    // Handshakes still running are dropped.
    this.#life.abort();
  }

  #open(key: string): Slot<R> {
    this.#opened++;
    const opening = this.#options
      .connect(key, this.#life.signal)
      .then(
        (connection) =>
          new RoutedSocket(this.#options.provider, connection, this.#options.router()),
      );
    const slot: Slot<R> = { opening, lastUsedMs: this.#clock.now() };
    this.#slots.set(key, slot);
    void opening.then(
      (socket) => {
        slot.socket = socket;
        // The session closed while the handshake ran: nobody will use this socket.
        if (this.#closed) void this.#closeSocket(socket);
        // A socket the vendor ends is forgotten: the next reply opens another.
        void socket.done.then(() => {
          if (this.#slots.get(key) === slot) this.#slots.delete(key);
        });
      },
      () => {
        // A failed handshake is the reply's error; the next reply tries again.
        if (this.#slots.get(key) === slot) this.#slots.delete(key);
      },
    );
    return slot;
  }

  #retire(key: string, slot: Slot<R>): void {
    this.#slots.delete(key);
    const socket = slot.socket;
    if (!socket || socket.ended) return;
    // Replies still reading it finish first; new ones go to a new socket.
    this.#retiring.add(socket);
    void socket.whenIdle().then(async () => {
      await this.#closeSocket(socket);
      this.#retiring.delete(socket);
    });
  }

  #closeSocket(socket: RoutedSocket<R>): Promise<void> {
    const { goodbye, closeWaitMs = 2_000 } = this.#options;
    return socket.close(goodbye, closeWaitMs, this.#clock);
  }
}

/** `promise`, unless `signal` aborts first (the promise goes on for others). */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(new AbortedError('aborted', { cause: signal.reason }));
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(new AbortedError('aborted', { cause: signal.reason }));
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}
