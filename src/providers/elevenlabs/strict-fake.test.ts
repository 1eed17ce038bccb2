import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { WebSocket } from 'ws';
import { ProviderError } from '../../spec/errors.ts';
import { collectParts } from '../../testing/conformance/helpers.ts';
import { startElevenLabsTestServer, type ElevenLabsTestServer } from './test-server.ts';
import { createElevenLabsTts } from './tts.ts';

let server: ElevenLabsTestServer;
before(async () => (server = await startElevenLabsTestServer()));
after(() => server.close());

function handshake(voiceId: string, query: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(
      `${server.url}/v1/text-to-speech/${voiceId}/stream-input?${query}`,
      {
        headers: { 'xi-api-key': 'test-key' },
      },
    );
    socket.on('open', () => {
      socket.close();
      resolve({ status: 101, body: '' });
    });
    socket.on('unexpected-response', (_request, response) => {
      let body = '';
      response.on('data', (part: Buffer) => (body += part.toString()));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
    });
    socket.on('error', reject);
  });
}

describe('strict ElevenLabs fake', () => {
  it('refuses a voice id that does not exist, such as an espeak-ng name', async () => {
    const { status, body } = await handshake(
      'en-us',
      'model_id=eleven_flash_v2_5&output_format=pcm_24000',
    );
    assert.equal(status, 400);
    assert.equal(
      (JSON.parse(body) as { detail: { status: string } }).detail.status,
      'voice_not_found',
    );
  });

  it('refuses an unknown model', async () => {
    const { status, body } = await handshake(
      'voice-1',
      'model_id=eleven_v9&output_format=pcm_24000',
    );
    assert.equal(status, 400);
    assert.match(body, /model_not_found/);
  });

  it('refuses an output format the API does not offer', async () => {
    const { status, body } = await handshake(
      'voice-1',
      'model_id=eleven_flash_v2_5&output_format=pcm_32000',
    );
    assert.equal(status, 400);
    assert.match(body, /invalid_output_format/);
  });

  it('accepts a real default voice', async () => {
    const { status } = await handshake(
      '21m00Tcm4TlvDq8ikWAM',
      'model_id=eleven_flash_v2_5&output_format=pcm_16000',
    );
    assert.equal(status, 101);
  });

  it('reports an unknown voice from the adapter as a non-retryable error', async () => {
    const tts = createElevenLabsTts({ apiKey: 'test-key', voiceId: 'en-us', baseUrl: server.url });
    async function* text() {
      yield await Promise.resolve('Hello.');
    }
    const parts = await collectParts(
      tts.stream({ text: text(), sampleRate: 16_000, signal: new AbortController().signal }),
    );
    const [part] = parts;
    assert.ok(part?.type === 'error' && part.error instanceof ProviderError);
    assert.deepEqual([part.error.statusCode, part.error.retryable], [400, false]);
  });
});
