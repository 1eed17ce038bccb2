import type { ClientMessage, ServerMessage } from '../../src/transport/messages.ts';

export type ConnectionState = 'connecting' | 'open' | 'closed';

export interface ProtocolClientHandlers {
  onMessage(message: ServerMessage): void;
  onAudio(samples: Int16Array): void;
  onState(state: ConnectionState, detail?: string): void;
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
      if (typeof event.data === 'string')
        handlers.onMessage(JSON.parse(event.data) as ServerMessage);
      else handlers.onAudio(new Int16Array(event.data)); // little-endian on every browser platform
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

  close(): void {
    this.#socket.close(1000, 'bye');
  }
}

/** The socket URL for this page's server. */
export function socketUrl(location: Location): string {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${location.host}/ws`;
}
