import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { WebSocket } from 'ws';
import { ConfigError } from '../../spec/errors.ts';
import { collectParts } from '../../testing/conformance/helpers.ts';
import type { TestHttpServer } from '../resilience/test-http-server.ts';
import { startAuraTestServer } from './aura-test-server.ts';
import { createDeepgramStt } from './stt.ts';
import { codedAudio, startDeepgramTestServer, type DeepgramTestServer } from './stt-test-server.ts';

let listen: DeepgramTestServer;
let speak: TestHttpServer;
before(async () => {
  listen = await startDeepgramTestServer();
  speak = await startAuraTestServer();
});
after(async () => {
  await listen.close();
  await speak.close();
});

/** The status and body with which the fake refuses a WebSocket handshake. */
function handshake(query: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(`${listen.url}/v1/listen?${query}`, {
      headers: { authorization: 'Token test-key' },
    });
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

async function speakStatus(query: string, text: string): Promise<{ status: number; body: string }> {
  const response = await fetch(`${speak.url}/v1/speak?${query}`, {
    method: 'POST',
    headers: { authorization: 'Token test-key', 'content-type': 'application/json' },
    body: JSON.stringify({ text }),
  });
  return { status: response.status, body: await response.text() };
}

describe('strict Deepgram fakes', () => {
  it('refuses a language tag Deepgram does not list, such as es-ES', async () => {
    const { status, body } = await handshake(
      'model=nova-3&language=es-ES&encoding=linear16&sample_rate=16000',
    );
    assert.equal(status, 400);
    assert.match(body, /No such model\/language\/tier combination/);
  });

  it('accepts the same audio with language=es', async () => {
    const { status } = await handshake(
      'model=nova-3&language=es&encoding=linear16&sample_rate=16000',
    );
    assert.equal(status, 101);
  });

  it('refuses raw audio encoding without a sample rate', async () => {
    const { status, body } = await handshake('model=nova-3&language=en&encoding=linear16');
    assert.equal(status, 400);
    assert.match(body, /sample_rate and encoding/);
  });

  it('refuses an Aura voice that does not exist, such as an espeak-ng name', async () => {
    const { status, body } = await speakStatus(
      'model=en-us&encoding=linear16&container=none&sample_rate=24000',
      'Hi',
    );
    assert.equal(status, 400);
    assert.match(body, /Invalid model: en-us/);
  });

  it('refuses a linear16 sample rate Aura does not render', async () => {
    const { status } = await speakStatus(
      'model=aura-2-thalia-en&encoding=linear16&sample_rate=22050',
      'Hi',
    );
    assert.equal(status, 400);
  });

  it('refuses text over 2000 characters', async () => {
    const { status } = await speakStatus(
      'model=aura-2-thalia-en&encoding=linear16&sample_rate=24000',
      'a'.repeat(2_001),
    );
    assert.equal(status, 413);
  });
});

describe('deepgram adapter against the strict fake', () => {
  it('maps the café es-ES to es and transcribes', async () => {
    const stt = createDeepgramStt({ apiKey: 'test-key', baseUrl: listen.url, language: 'es-ES' });
    async function* audio() {
      for (const input of codedAudio([1, 2, 0])) yield await Promise.resolve(input);
    }
    const parts = await collectParts(
      stt.stream({ audio: audio(), sampleRate: 16_000, signal: new AbortController().signal }),
    );
    assert.ok(parts.some((part) => part.type === 'final' && part.text === 'one two'));
  });

  it('reports a language Deepgram does not list as a ConfigError part', async () => {
    const stt = createDeepgramStt({ apiKey: 'test-key', baseUrl: listen.url, language: 'eu-ES' });
    const parts = await collectParts(
      stt.stream({
        audio: (async function* () {})(),
        sampleRate: 16_000,
        signal: new AbortController().signal,
      }),
    );
    assert.ok(
      parts.length === 1 && parts[0]?.type === 'error' && parts[0].error instanceof ConfigError,
    );
  });
});
