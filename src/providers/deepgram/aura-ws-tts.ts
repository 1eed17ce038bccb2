import type { Clock } from '../../spec/clock.ts';
import { connectWithRetry } from '../resilience/connect-with-retry.ts';
import { ProtocolError, ProviderError } from '../../spec/errors.ts';
import type { TtsPart, TtsStreamOptions } from '../../spec/tts.ts';
import { untilAborted } from '../../stream/abort.ts';
import { toParleyError } from '../resilience/errors.ts';
import { PcmByteDecoder } from '../resilience/pcm-chunks.ts';
import { segmentEnder } from '../shared/segment-ends.ts';
import type { RetryOptions } from '../resilience/retry.ts';
import { stopOnAbort } from '../resilience/stop-on-abort.ts';
import { sessionScopedTts, type SessionScopedTts } from '../shared/session-scoped-tts.ts';
import { SessionSockets } from '../shared/session-sockets.ts';
import { AuraRouter } from './aura-router.ts';
import { AURA_IDLE_TIMEOUT_MS, AURA_LINEAR16_RATES } from './rules.ts';

export interface DeepgramAuraStreamTtsOptions {
  readonly apiKey: string;
  /** A voice model, default `aura-2-thalia-en`; a stream's `voice` option overrides it. */
  readonly model?: string;
  /** Default `wss://api.deepgram.com`. */
  readonly baseUrl?: string;
  /** Handshake timeout. Default 10 000. */
  readonly timeoutMs?: number;
  readonly retry?: Omit<RetryOptions, 'signal' | 'clock'>;
  readonly clock?: Clock;
}

/**
 * Deepgram Aura over its streaming WebSocket (`/v1/speak`,
 * https://developers.deepgram.com/docs/streaming-text-to-speech): one socket per session and
 * voice (`openSession()`), replies one after another on it; each text chunk a `Speak` then
 * `Flush`; binary linear16 audio comes back and each `Flushed` closes its chunk's segment, the
 * last one the reply. A barge-in sends `Clear` and the socket drops audio until `Cleared`; the
 * session's end sends `Close`. A socket Deepgram closed when idle is reopened by the next reply.
 */
export function createDeepgramAuraStreamTts(
  options: DeepgramAuraStreamTtsOptions,
): SessionScopedTts {
  const model = options.model ?? 'aura-2-thalia-en';
  const info = {
    provider: 'deepgram',
    model,
    capabilities: {
      streaming: true,
      wordTimings: false,
      sampleRates: AURA_LINEAR16_RATES,
      languages: ['en', 'es'],
    },
  };
  return sessionScopedTts(info, () => {
    const sockets = new SessionSockets({
      provider: 'deepgram',
      connect: (url, signal) =>
        connectWithRetry(options, {
          provider: 'deepgram',
          url,
          headers: { authorization: `Token ${options.apiKey}` },
          signal,
        }),
      router: () => new AuraRouter(),
      goodbye: JSON.stringify({ type: 'Close' }),
      maxIdleMs: AURA_IDLE_TIMEOUT_MS - 2_000,
      ...(options.clock ? { clock: options.clock } : {}),
    });
    let replies = 0;
    return {
      stream: (streamOptions) =>
        stopOnAbort(
          streamAura(options, model, sockets, `reply-${++replies}`, streamOptions),
          streamOptions.signal,
        ),
      close: () => sockets.close(),
    };
  });
}

function speakUrl(options: DeepgramAuraStreamTtsOptions, model: string, rate: number): string {
  const query = new URLSearchParams({
    model,
    encoding: 'linear16',
    sample_rate: String(rate),
  });
  const baseUrl = (options.baseUrl ?? 'wss://api.deepgram.com').replace(/\/+$/, '');
  return `${baseUrl}/v1/speak?${query}`;
}

async function* streamAura(
  options: DeepgramAuraStreamTtsOptions,
  model: string,
  sockets: SessionSockets<AuraRouter>,
  replyId: string,
  streamOptions: TtsStreamOptions,
): AsyncGenerator<TtsPart> {
  const { signal } = streamOptions;
  if (signal.aborted) return;
  const rate = AURA_LINEAR16_RATES.includes(streamOptions.sampleRate)
    ? streamOptions.sampleRate
    : 24_000;
  const url = speakUrl(options, streamOptions.voice ?? model, rate);
  const stop = new AbortController();
  let finished = false;
  let spoke = false;
  let leave = (_clear: boolean): void => undefined;
  const segments: { text: string; sent: boolean }[] = [];
  try {
    const socket = await sockets.use(url, signal);
    const router = socket.router;
    await router.takeTurn(replyId, signal);
    const inbox = socket.open(replyId);
    leave = (clear) => {
      if (clear && !socket.ended) {
        // The vendor drops what it still has queued; the router drops what is on the way.
        router.clearing = true;
        socket.send(JSON.stringify({ type: 'Clear' }));
      }
      socket.release(replyId);
      router.endTurn(replyId);
    };
    const send = (message: Record<string, unknown>) => {
      socket.send(JSON.stringify(message));
      sockets.touch(url);
    };
    let flushesPending = 0;
    let inputDone = false;
    let pumpError: unknown;
    void (async () => {
      for await (const text of untilAborted(streamOptions.text, stop.signal)) {
        const sent = text.trim() !== '';
        segments.push({ text, sent });
        if (sent) {
          flushesPending++;
          spoke = true;
          send({ type: 'Speak', text });
          send({ type: 'Flush' });
        }
      }
      inputDone = true;
      // Nothing left to wait for: end the reply's inbox so it finishes.
      if (!stop.signal.aborted && flushesPending === 0) socket.release(replyId);
    })().catch((error: unknown) => {
      pumpError = error;
      socket.release(replyId);
    });

    const decoder = new PcmByteDecoder(rate, streamOptions.sampleRate);
    const endSegments = segmentEnder(decoder, segments);
    for await (const frame of untilAborted(inbox, signal)) {
      if (signal.aborted) return;
      if (frame.type === 'binary') {
        const chunk = decoder.push(frame.data);
        if (chunk) yield { type: 'audio', chunk };
        continue;
      }
      const message = parseAuraMessage(frame.data);
      if (message.type === 'Error') {
        throw new ProviderError(
          `deepgram aura: ${message.description ?? message.err_msg ?? 'error'}`,
          { provider: 'deepgram', retryable: false, cause: message },
        );
      }
      if (message.type === 'Flushed') {
        flushesPending--;
        yield* endSegments(false);
        if (inputDone && flushesPending === 0) break;
      }
    }
    if (pumpError !== undefined) throw toParleyError(pumpError, 'deepgram');
    if (!inputDone || flushesPending > 0) {
      throw new ProtocolError('deepgram aura: reply ended before its last Flushed');
    }
    yield* endSegments(true);
    finished = true;
  } catch (error) {
    if (signal.aborted) return;
    yield { type: 'error', error: toParleyError(error, 'deepgram') };
  } finally {
    stop.abort();
    leave(spoke && !finished);
  }
}

function parseAuraMessage(data: string): { type?: string; description?: string; err_msg?: string } {
  try {
    return JSON.parse(data) as { type?: string; description?: string; err_msg?: string };
  } catch (error) {
    throw new ProtocolError('deepgram aura: malformed message', { cause: error });
  }
}
