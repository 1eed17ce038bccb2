import { ProviderError } from '../../spec/errors.ts';
import { Channel } from '../../stream/channel.ts';
import type { WsConnection } from '../resilience/ws.ts';

/** Room for a whole reply's messages: the reader drains them as fast as they come. */
const INBOX_CAPACITY = 10_000;

/**
 * One multi-context socket shared by a session's replies: server messages are routed to
 * their context's inbox by `contextId`; a message without one (a socket-wide error) goes
 * to every open context; when the socket ends, every open context fails.
 */
export class MultiContextSocket {
  readonly #connection: WsConnection;
  readonly #inboxes = new Map<string, Channel<string>>();
  #ended = false;
  readonly done: Promise<void>;

  constructor(connection: WsConnection) {
    this.#connection = connection;
    this.done = this.#route();
  }

  get ended(): boolean {
    return this.#ended;
  }

  get openContexts(): number {
    return this.#inboxes.size;
  }

  open(contextId: string): Channel<string> {
    const inbox = new Channel<string>(INBOX_CAPACITY);
    this.#inboxes.set(contextId, inbox);
    return inbox;
  }

  release(contextId: string): void {
    this.#inboxes.get(contextId)?.close();
    this.#inboxes.delete(contextId);
  }

  send(message: Record<string, unknown>): void {
    if (!this.#ended) this.#connection.send(JSON.stringify(message));
  }

  /** Sends `close_socket` (the server closes with 1000) and waits for the socket to end. */
  async close(): Promise<void> {
    this.send({ close_socket: true });
    this.#connection.close();
    await this.done;
  }

  async #route(): Promise<void> {
    let failure: unknown = new ProviderError('elevenlabs: socket closed', {
      provider: 'elevenlabs',
      retryable: true,
    });
    try {
      for await (const event of this.#connection.events) {
        if (event.type === 'text') {
          const contextId = contextIdOf(event.data);
          const targets =
            contextId === undefined ? [...this.#inboxes.values()] : [this.#inboxes.get(contextId)];
          for (const inbox of targets) inbox?.tryPush(event.data);
        } else if (event.type === 'error') {
          failure = event.error;
        } else if (event.type === 'close') {
          failure = new ProviderError(`elevenlabs: socket closed (${event.code})`, {
            provider: 'elevenlabs',
            retryable: event.code !== 1008,
            cause: new Error(event.reason || `close ${event.code}`),
          });
        }
      }
    } catch (error: unknown) {
      failure = error;
    } finally {
      this.#ended = true;
      for (const inbox of this.#inboxes.values()) inbox.fail(failure);
      this.#inboxes.clear();
    }
  }
}

/** The `contextId` of a server message, if it is JSON and has one. */
function contextIdOf(data: string): string | undefined {
  try {
    const id = (JSON.parse(data) as { contextId?: unknown }).contextId;
    return typeof id === 'string' ? id : undefined;
  } catch (error: unknown) {
    // Not JSON: no context to route it to; every open context reports it as malformed.
    if (error instanceof SyntaxError) return undefined;
    throw error;
  }
}
