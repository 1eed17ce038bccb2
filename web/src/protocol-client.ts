import type { ClientMessage, ServerMessage } from '../../src/transport/messages.ts';

export type ConnectionState = 'connecting' | 'open' | 'closed';

export interface ProtocolClientHandlers {
  onMessage(message: ServerMessage): void;
  onAudio(samples: Int16Array): void;
  onState(state: ConnectionState, detail?: string): void;
  /** A text frame that is not a JSON object with a string `type` (never thrown at the page). */
  onBadFrame(error: BadFrameError): void;
}

/** The server sent a text frame the client cannot read. */
export class BadFrameError extends Error {
  override readonly name = 'BadFrameError';
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
  }
}

/** One WebSocket to the server: JSON text frames and PCM16 binary frames. */
export class ProtocolClient {
  readonly #socket: WebSocket;

  constructor(url: string, handlers: ProtocolClientHandlers) {
    handlers.onState('connecting');
    this.#socket = new WebSocket(url);
    this.#socket.binaryType = 'arraybuffer';
    this.#socket.onopen = () => handlers.onState('open');
    this.#socket.onclose = (event) =>
      handlers.onState('closed', event.reason || `code ${event.code}`);
    this.#socket.onmessage = (event: MessageEvent<string | ArrayBuffer>) => {
      if (typeof event.data === 'string') {
        const message = parseServerMessage(event.data);
        if (message instanceof BadFrameError) handlers.onBadFrame(message);
        else handlers.onMessage(message);
      } else handlers.onAudio(new Int16Array(event.data)); // little-endian on every browser platform
    };
  }

  get isOpen(): boolean {
    return this.#socket.readyState === WebSocket.OPEN;
  }

  send(message: ClientMessage): void {
    if (this.isOpen) this.#socket.send(JSON.stringify(message));
  }

  sendAudio(frame: Int16Array): void {
    if (this.isOpen) this.#socket.send(frame);
  }

  /** Closes the socket; no handler is called after this. */
  close(): void {
    this.#socket.onopen = null;
    this.#socket.onclose = null;
    this.#socket.onmessage = null;
    if (this.#socket.readyState <= WebSocket.OPEN) this.#socket.close(1000, 'bye');
  }
}

/** The socket URL for this page's server. */
export function socketUrl(location: Location): string {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${location.host}/ws`;
}

function parseServerMessage(text: string): ServerMessage | BadFrameError {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return new BadFrameError('the server sent a text frame that is not JSON', { cause: error });
  }
  if (typeof value !== 'object' || value === null || !('type' in value))
    return new BadFrameError('the server sent a message without a type');
  return value as ServerMessage;
}
