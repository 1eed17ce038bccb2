import assert from 'node:assert/strict';
import { WebSocket } from 'ws';

/** Polls `done` every 50 ms until it holds (generous limits: the machine is loaded). */
export async function until(
  done: () => boolean,
  limitMs: number,
  explain: () => string,
): Promise<void> {
  const deadline = Date.now() + limitMs;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`timed out; ${explain()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export type WsCall = Awaited<ReturnType<typeof openCall>>;

/**
 * Opens a call to `agent` on a Parley server through its WebSocket (docs/protocol.md) and
 * waits for `session.ready`; `sockets` collects the socket for the caller's teardown.
 */
export async function openCall(url: string, agent: string, sockets: WebSocket[]) {
  const socket = new WebSocket(`${url.replace(/^http/, 'ws')}/ws`);
  sockets.push(socket);
  const messages: Record<string, unknown>[] = [];
  const frames: Buffer[] = [];
  socket.on('message', (data, isBinary) => {
    if (isBinary) frames.push(data as Buffer);
    else messages.push(JSON.parse((data as Buffer).toString('utf8')) as Record<string, unknown>);
  });
  await new Promise((resolve, reject) => {
    socket.once('open', resolve);
    socket.once('error', reject);
  });
  const client = {
    messages,
    frames,
    send: (value: unknown) => socket.send(JSON.stringify(value)),
    sendAudio: (pcm: Buffer) => socket.send(pcm, { binary: true }),
    /** The first message of `type` matching `predicate`, skipping `skip` earlier matches. */
    async next(
      type: string,
      predicate: (message: Record<string, unknown>) => boolean = () => true,
      skip = 0,
    ): Promise<Record<string, unknown>> {
      let found: Record<string, unknown> | undefined;
      await until(
        () => {
          found = messages.filter((m) => m['type'] === type && predicate(m))[skip];
          return found !== undefined;
        },
        60_000,
        () => JSON.stringify(messages),
      );
      assert.ok(found);
      return found;
    },
  };
  client.send({ type: 'session.start', agent, sampleRate: 16_000 });
  await client.next('session.ready');
  return client;
}
