import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import WebSocket from 'ws';
import { codedAudio } from '../deepgram/stt-test-server.ts';
import type { SttInput, SttPart } from '../../spec/stt.ts';
import { collectParts } from '../../testing/conformance/helpers.ts';
import { describeSttConformance } from '../../testing/conformance/stt.ts';
import { createOpenAIRealtimeTranscriptionStt } from './realtime-transcription-stt.ts';
import { startRealtimeTestServer, type RealtimeTestServer } from './realtime-test-server.ts';

let server: RealtimeTestServer;
before(async () => (server = await startRealtimeTestServer()));
after(() => server.close());

const stt = (apiKey = 'test-key', model?: string) =>
  createOpenAIRealtimeTranscriptionStt({
    apiKey,
    baseUrl: `${server.url.replace(/^ws/, 'http')}/v1`,
    timeoutMs: 2_000,
    retry: { baseDelayMs: 1, maxDelayMs: 5, maxAttempts: 1 },
    ...(model !== undefined && { model }),
  });
async function* inputs(items: readonly SttInput[]): AsyncGenerator<SttInput> {
  for (const item of items) yield await Promise.resolve(item);
}
const hear = (items: readonly SttInput[], language = 'en-US', model = stt()) =>
  collectParts(
    model.stream({
      audio: inputs(items),
      sampleRate: 16_000,
      language,
      signal: new AbortController().signal,
    }),
  );
const texts = (parts: SttPart[], type: 'interim' | 'final') =>
  parts.flatMap((part) => (part.type === type ? [part.text] : []));

describeSttConformance('openai realtime transcription', () => stt(), {
  audio: () => [...codedAudio([1, 2, 0]), { type: 'finalize' }],
  sampleRate: 16_000,
  expectText: /one two/,
  makeFailingModel: () => stt('wrong-key'),
  openResources: () => server.openSockets(),
});

describe('openai realtime transcription', () => {
  it('streams interim deltas, then a final per finalize, with server VAD off', async () => {
    const parts = await hear([
      ...codedAudio([1, 2, 0]),
      { type: 'finalize' },
      ...codedAudio([3, 0]),
      { type: 'finalize' },
    ]);
    assert.deepEqual(texts(parts, 'interim'), ['one', 'one two', 'three']);
    assert.deepEqual(texts(parts, 'final'), ['one two', 'three']);
    assert.ok(!parts.some((part) => part.type === 'error'));
  });

  it('sends the language as ISO-639-1 (es-ES becomes es) and keeps a too-short commit for later', async () => {
    const before = server.errors.length;
    const parts = await hear(
      [{ type: 'finalize' }, ...codedAudio([4]), { type: 'finalize' }],
      'es-ES',
    );
    assert.deepEqual(texts(parts, 'final'), ['four']);
    assert.equal(server.errors.length, before, 'no error event from the fake');
  });

  it('reports an unknown model as an error part carrying the vendor error', async () => {
    const parts = await hear([...codedAudio([1, 0])], 'en-US', stt('test-key', 'gpt-9'));
    const error = parts.find((part) => part.type === 'error');
    assert.ok(error?.type === 'error');
    assert.match(error.error.message, /invalid_value/);
  });
});

describe('openai realtime transcription strict fake', () => {
  const session = async () => {
    const socket = new WebSocket(`${server.url}/v1/realtime?intent=transcription`, {
      headers: { authorization: 'Bearer test-key' },
    });
    const events: { type: string; error?: { code: string } }[] = [];
    socket.on('message', (data: Buffer) => events.push(JSON.parse(data.toString()) as never));
    await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
    const next = async (type: string) => {
      for (let waitedMs = 0; waitedMs < 5_000; waitedMs += 10) {
        const found = events.find((event) => event.type === type);
        if (found) return found;
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      throw new Error(`no ${type} event`);
    };
    return { socket, next };
  };

  it('refuses a commit of under 100 ms with input_audio_buffer_commit_empty', async () => {
    const { socket, next } = await session();
    socket.send(
      JSON.stringify({
        type: 'transcription_session.update',
        session: {
          input_audio_transcription: { model: 'gpt-4o-transcribe' },
          turn_detection: null,
        },
      }),
    );
    socket.send(JSON.stringify({ type: 'input_audio_buffer.commit' }));
    const error = await next('error');
    assert.equal(error.error?.code, 'input_audio_buffer_commit_empty');
    socket.close();
  });

  it('refuses a language that is not ISO-639-1', async () => {
    const { socket, next } = await session();
    socket.send(
      JSON.stringify({
        type: 'transcription_session.update',
        session: { input_audio_transcription: { model: 'gpt-4o-transcribe', language: 'es-ES' } },
      }),
    );
    const error = await next('error');
    assert.equal(error.error?.code, 'invalid_value');
    socket.close();
  });
});
