import type { WebSocket } from 'ws';

interface ReceiverLike {
  _maxPayload?: unknown;
}

/**
 * Changes the largest frame the socket's receiver accepts (it closes with 1009
 * above it). `ws` fixes `maxPayload` per server, so a server starts every socket
 * small (nothing large is buffered before authentication) and raises it here once
 * a session is active. Returns false when this `ws` version has no such field;
 * src/server/frame-limit.test.ts pins the behaviour.
 */
export function setFrameLimit(socket: WebSocket, maxBytes: number): boolean {
  const receiver = (socket as unknown as { _receiver?: ReceiverLike })._receiver;
  if (!receiver || typeof receiver._maxPayload !== 'number') return false;
  receiver._maxPayload = maxBytes;
  return true;
}
