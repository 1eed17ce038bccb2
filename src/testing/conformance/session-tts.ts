import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import type { SessionTts, TtsModel, TtsPart } from '../../spec/tts.ts';
import { collectParts, waitForZero } from './helpers.ts';
import { describeTtsConformance } from './tts.ts';

/** A vendor fake as these cases see it. */
export interface SessionTtsServer {
  readonly connections: number;
  openSockets(): number;
}

export interface SessionTtsCaseOptions {
  readonly server: () => SessionTtsServer;
  /** How many barge-in cancels (`close_context`, `cancel`, `Clear`) the fake has received. */
  readonly cancels: () => number;
  /** Exact ms of audio the fake speaks for these chunks (16 kHz output). */
  readonly audioMs: (chunks: readonly string[]) => number;
  /** A model on a fake that closes a socket idle for `idleMs`. */
  readonly idle: {
    readonly model: () => TtsModel;
    readonly server: () => SessionTtsServer;
    readonly idleMs: number;
  };
}

async function* texts(chunks: readonly string[]): AsyncGenerator<string> {
  for (const chunk of chunks) yield await Promise.resolve(chunk);
}

const say = (tts: TtsModel, ...chunks: string[]) =>
  collectParts(
    tts.stream({ text: texts(chunks), sampleRate: 16_000, signal: new AbortController().signal }),
  );

const spokenMs = (parts: readonly TtsPart[]) =>
  parts.reduce((ms, part) => (part.type === 'audio' ? ms + part.chunk.samples.length / 16 : ms), 0);

function open(model: TtsModel): SessionTts {
  const session = model.openSession?.();
  assert.ok(session, `${model.provider} has per-session sockets`);
  return session;
}

async function until(what: string, done: () => boolean): Promise<void> {
  for (let waitedMs = 0; !done(); waitedMs += 10) {
    if (waitedMs > 5_000) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** What a TTS model with per-session sockets promises a conversation, against its strict fake. */
export function describeSessionTts(
  name: string,
  makeModel: () => TtsModel,
  options: SessionTtsCaseOptions,
): void {
  // The TTS contract holds for a session's streams too (several streams on one socket).
  const sessions: SessionTts[] = [];
  after(async () => {
    for (const session of sessions.splice(0)) await session.close();
  });
  const shared = { session: undefined as SessionTts | undefined };
  describeTtsConformance(`${name} (in a session)`, () => {
    if (!shared.session) sessions.push((shared.session = open(makeModel())));
    return shared.session;
  });

  describe(`${name}: one socket per session`, () => {
    it('speaks three replies of a session over one socket, each in full', async () => {
      const server = options.server();
      const before = server.connections;
      const session = open(makeModel());
      try {
        const replies = [['Hello there.'], ['Your order left today.', 'Anything else?'], ['Bye.']];
        for (const chunks of replies) {
          const parts = await say(session, ...chunks);
          assert.ok(!parts.some((part) => part.type === 'error'), JSON.stringify(parts.at(-1)));
          assert.equal(spokenMs(parts), options.audioMs(chunks));
        }
        assert.equal(server.connections - before, 1, 'one socket for the three replies');
      } finally {
        await session.close();
      }
    });

    it('cancels a reply on the vendor at barge-in and speaks the next one on the same socket', async () => {
      const server = options.server();
      const session = open(makeModel());
      try {
        await say(session, 'Warm up.');
        const before = server.connections;
        const cancels = options.cancels();
        const barge = new AbortController();
        for await (const part of session.stream({
          text: texts(['A long first sentence.', 'Another one.']),
          sampleRate: 16_000,
          signal: barge.signal,
        })) {
          if (part.type === 'audio') barge.abort();
        }
        await until('the cancel to reach the vendor', () => options.cancels() > cancels);
        const next = await say(session, 'Sorry, go on.');
        // Exactly its own audio: nothing of the interrupted reply leaked into it.
        assert.equal(spokenMs(next), options.audioMs(['Sorry, go on.']));
        assert.equal(server.connections, before, 'no new socket after the barge-in');
      } finally {
        await session.close();
      }
    });

    it('closes its socket when the session closes, leaving nothing open', async () => {
      const server = options.server();
      // Other sessions of this file may hold sockets: count this one's.
      const others = server.openSockets();
      const session = open(makeModel());
      await say(session, 'Hi.');
      assert.equal(server.openSockets() - others, 1);
      await session.close();
      await waitForZero(() => server.openSockets() - others, 'sockets after the session closed');
      const [part] = await say(session, 'Too late.');
      assert.equal(part?.type, 'error', 'a closed session speaks no more');
    });

    it('opens a new socket when the vendor closed the idle one, and the reply is whole', async () => {
      const { idle } = options;
      const session = open(idle.model());
      try {
        await say(session, 'First.');
        const before = idle.server().connections;
        await new Promise((resolve) => setTimeout(resolve, idle.idleMs * 2));
        await waitForZero(() => idle.server().openSockets(), 'the vendor closing the idle socket');
        const parts = await say(session, 'Still there?');
        assert.ok(!parts.some((part) => part.type === 'error'), JSON.stringify(parts.at(-1)));
        assert.equal(spokenMs(parts), options.audioMs(['Still there?']));
        assert.equal(idle.server().connections - before, 1, 'one new socket');
      } finally {
        await session.close();
      }
    });
  });
}
