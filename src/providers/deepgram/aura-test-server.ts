import { Buffer } from 'node:buffer';
import {
  startTestHttpServer,
  writeJsonError,
  type TestHttpServer,
} from '../resilience/test-http-server.ts';
import { speakRefusal } from './rules.ts';

/**
 * A strict local server speaking Deepgram's `POST /v1/speak` (unknown voices, rates
 * and oversize text refused, rules.ts): raw linear16 at the asked
 * `sample_rate`, 80 ms per character. Voice `status-503` answers 503 and
 * `status-400` answers 400 (documented error body shape).
 */
export async function startAuraTestServer(): Promise<TestHttpServer> {
  return startTestHttpServer((request, response) => {
    const url = new URL(request.url, 'http://localhost');
    if (request.headers.authorization !== 'Token test-key') {
      return writeJsonError(response, 401, {
        err_code: 'INVALID_AUTH',
        err_msg: 'Invalid credentials.',
      });
    }
    const model = url.searchParams.get('model') ?? '';
    if (model === 'status-503')
      return writeJsonError(response, 503, { err_code: 'UNAVAILABLE', err_msg: 'busy' });
    if (model === 'status-400')
      return writeJsonError(response, 400, { err_code: 'Bad Request', err_msg: 'bad' });
    if (url.pathname !== '/v1/speak' || url.searchParams.get('encoding') !== 'linear16') {
      return writeJsonError(response, 400, { err_code: 'Bad Request', err_msg: 'unsupported' });
    }
    const { text } = JSON.parse(request.body.toString()) as { text: string };
    const refusal = speakRefusal(url.searchParams, text);
    if (refusal) return writeJsonError(response, refusal.status, refusal.body);
    const rate = Number(url.searchParams.get('sample_rate') ?? 24_000);
    const samples = Math.round((text.length * 80 * rate) / 1_000);
    const pcm = Buffer.alloc(samples * 2);
    for (let i = 0; i < samples; i++) pcm.writeInt16LE(Math.round(6_000 * Math.sin(i / 7)), i * 2);
    response.writeHead(200, { 'content-type': 'audio/l16' });
    response.write(pcm.subarray(0, 333));
    response.end(pcm.subarray(333));
  });
}
