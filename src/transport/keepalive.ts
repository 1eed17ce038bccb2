import type { Clock } from '../spec/clock.ts';

/** The part of a `ws` socket the keep-alive needs. */
export interface PingableSocket {
  ping(): void;
  terminate(): void;
  on(event: 'pong', listener: () => void): unknown;
}

/**
 * Pings every `intervalMs`; a peer that has not answered (pong) the previous
 * ping by the next tick is gone (a dead TCP path, a stalled client) and the
 * socket is terminated. Returns a function that stops it.
 */
export function startKeepAlive(
  socket: PingableSocket,
  clock: Clock,
  intervalMs: number,
  onDead: () => void,
): () => void {
  let answered = true;
  let cancel: () => void = () => undefined;
  let stopped = false;
  socket.on('pong', () => {
    answered = true;
  });
  const tick = () => {
    if (stopped) return;
    if (!answered) {
      stopped = true;
      onDead();
      socket.terminate();
      return;
    }
    answered = false;
    socket.ping();
    cancel = clock.setTimer(intervalMs, tick);
  };
  cancel = clock.setTimer(intervalMs, tick);
  return () => {
    stopped = true;
    cancel();
  };
}
