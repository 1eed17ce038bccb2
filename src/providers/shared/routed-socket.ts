import type { Clock } from '../../spec/clock.ts';
import { ClosedError, ProviderError } from '../../spec/errors.ts';
import { Channel } from '../../stream/channel.ts';
import type { WsConnection, WsEvent } from '../resilience/ws.ts';

/** A data frame from the vendor. */
export type WsFrame = Extract<WsEvent, { type: 'text' | 'binary' }>;

/** Where a frame goes: one reply's inbox, every open reply, or nowhere. */
export type Route = { readonly to: string } | 'all' | 'drop';

/** Decides where each frame of one socket goes; may keep that socket's protocol state. */
export interface FrameRouter {
  route(frame: WsFrame): Route;
}

/** Frames a reply may have waiting; past it the socket is paused (backpressure, never loss). */
const INBOX_CAPACITY = 1_024;

/**
 * One vendor socket shared by the replies of a session: each reply reads its own inbox,
 * filled by the router; a socket-wide end (the vendor's idle timeout, an error) fails every
 * open inbox with a ProviderError carrying the close code.
 */
export class RoutedSocket<R extends FrameRouter = FrameRouter> {
  readonly router: R;
  readonly done: Promise<void>;
  readonly #provider: string;
  readonly #connection: WsConnection;
  readonly #inboxes = new Map<string, Channel<WsFrame>>();
  readonly #idleWaiters: (() => void)[] = [];
  #ended = false;

  constructor(provider: string, connection: WsConnection, router: R) {
    this.#provider = provider;
    this.#connection = connection;
    this.router = router;
    this.done = this.#pump();
  }

  get ended(): boolean {
    return this.#ended;
  }

  get openInboxes(): number {
    return this.#inboxes.size;
  }

  /** A reply's inbox; throws ClosedError once the socket has ended. */
  open(id: string): AsyncIterable<WsFrame> {
    if (this.#ended) throw new ClosedError(`${this.#provider}: socket already ended`);
    const inbox = new Channel<WsFrame>(INBOX_CAPACITY);
    this.#inboxes.set(id, inbox);
    return inbox;
  }

  /** The reply is done with its inbox: later frames for it are dropped. */
  release(id: string): void {
    this.#inboxes.get(id)?.close();
    this.#inboxes.delete(id);
    if (this.#inboxes.size === 0) for (const wake of this.#idleWaiters.splice(0)) wake();
  }

  /** Resolves once no reply reads this socket (or it has ended). */
  whenIdle(): Promise<void> {
    if (this.#inboxes.size === 0 || this.#ended) return Promise.resolve();
    return new Promise((resolve) => this.#idleWaiters.push(resolve));
  }

  send(data: string | Uint8Array): void {
    if (!this.#ended) this.#connection.send(data);
  }

  /**
   * Sends `goodbye` (the vendor's own close message, if it has one), closes with 1000
   * and waits up to `waitMs` for the closing handshake before dropping the socket.
   */
  async close(goodbye: string | undefined, waitMs: number, clock: Clock): Promise<void> {
    if (goodbye !== undefined) this.send(goodbye);
    this.#connection.close();
    let cancel = (): void => undefined;
    const late = new Promise<void>((resolve) => {
      cancel = clock.setTimer(waitMs, () => {
        this.#connection.close(true);
        resolve();
      });
    });
    await Promise.race([this.done, late]);
    cancel();
    await this.done;
  }

  async #pump(): Promise<void> {
    let failure: unknown = new ProviderError(`${this.#provider}: socket closed`, {
      provider: this.#provider,
      retryable: true,
    });
    try {
      for await (const event of this.#connection.events) {
        if (event.type === 'error') failure = event.error;
        else if (event.type === 'close') failure = closeError(this.#provider, event);
        else await this.#deliver(event);
      }
    } catch (error: unknown) {
      // The router failed: the socket is no use to anyone any more.
      failure = error;
      this.#connection.close(true);
    } finally {
      this.#ended = true;
      for (const inbox of this.#inboxes.values()) inbox.fail(failure);
      this.#inboxes.clear();
      for (const wake of this.#idleWaiters.splice(0)) wake();
    }
  }

  async #deliver(frame: WsFrame): Promise<void> {
    const route = this.router.route(frame);
    if (route === 'drop') return;
    const targets = route === 'all' ? [...this.#inboxes.values()] : [this.#inboxes.get(route.to)];
    for (const inbox of targets) {
      // A reply that released its inbox meanwhile no longer wants the frame.
      await inbox?.push(frame).catch((error: unknown) => {
        if (!(error instanceof ClosedError)) throw error;
      });
    }
  }
}

/** 1008 (policy: bad key, refused request) will fail again; any other close may not. */
function closeError(provider: string, event: { code: number; reason: string }): ProviderError {
  const what = event.reason ? `${event.code} ${event.reason}` : String(event.code);
  return new ProviderError(`${provider}: socket closed (${what})`, {
    provider,
    retryable: event.code !== 1008,
    cause: new Error(event.reason || `close ${event.code}`),
  });
}
