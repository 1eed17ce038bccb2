import { randomUUID } from 'node:crypto';
import { connectWithRetry } from '../resilience/connect-with-retry.ts';
import type { Clock } from '../../spec/clock.ts';
import { ProtocolError } from '../../spec/errors.ts';
import type { TtsPart, TtsStreamOptions } from '../../spec/tts.ts';
import { untilAborted } from '../../stream/abort.ts';
import { toParleyError } from '../resilience/errors.ts';
import { PcmByteDecoder } from '../resilience/pcm-chunks.ts';
import { segmentEnder } from '../shared/segment-ends.ts';
import type { RetryOptions } from '../resilience/retry.ts';
import { stopOnAbort } from '../resilience/stop-on-abort.ts';
import { VENDOR_LANGUAGES, vendorLanguage } from '../shared/languages.ts';
import type { FrameRouter, Route, WsFrame } from '../shared/routed-socket.ts';
import { sessionScopedTts, type SessionScopedTts } from '../shared/session-scoped-tts.ts';
import { SessionSockets } from '../shared/session-sockets.ts';
import { parseCartesiaMessage } from './messages.ts';
import { CARTESIA_IDLE_TIMEOUT_MS, CARTESIA_RATES } from './rules.ts';

export interface CartesiaTtsOptions {
  readonly apiKey: string;
  /** Default: the catalogue's first voice; a stream's `voice` overrides it. */
  readonly voiceId?: string;
  /** Default `sonic-2`. */
  readonly modelId?: string;
  /** Default `wss://api.cartesia.ai`. */
  readonly baseUrl?: string;
  /** The `Cartesia-Version` header. Default `2025-04-16`. */
  readonly version?: string;
  /** Default `en`; a stream's `language` overrides it. */
  readonly language?: string;
  /** Handshake timeout. Default 10 000. */
  readonly timeoutMs?: number;
  readonly retry?: Omit<RetryOptions, 'signal' | 'clock'>;
  readonly clock?: Clock;
}

const DEFAULT_VOICE = '694f9389-aac1-45b6-b726-9d9369183238';

/**
 * Cartesia Sonic over its TTS WebSocket: one socket per session (`openSession()`), one
 * context per reply, each text chunk a continuation (`continue: true`) flushed so its audio
 * and word timestamps come at once; `flush_done` closes the chunk's segment; abort sends
 * `cancel` for the context and leaves the socket to the next reply. A socket Cartesia closed
 * when idle is reopened by the next reply; one idle nearly that long is replaced first.
 */
export function createCartesiaTts(options: CartesiaTtsOptions): SessionScopedTts {
  const modelId = options.modelId ?? 'sonic-2';
  const baseUrl = (options.baseUrl ?? 'wss://api.cartesia.ai').replace(/\/+$/, '');
  const url = `${baseUrl}/tts/websocket`;
  const info = {
    provider: 'cartesia',
    model: modelId,
    capabilities: {
      streaming: true,
      wordTimings: true,
      sampleRates: CARTESIA_RATES,
      languages: [...VENDOR_LANGUAGES.cartesia],
    },
  };
  return sessionScopedTts(info, () => {
    const sockets = new SessionSockets({
      provider: 'cartesia',
      connect: (_key, signal) =>
        connectWithRetry(options, {
          provider: 'cartesia',
          url,
          headers: {
            'X-API-Key': options.apiKey,
            'Cartesia-Version': options.version ?? '2025-04-16',
          },
          signal,
        }),
      router: () => contextRouter,
      maxIdleMs: CARTESIA_IDLE_TIMEOUT_MS - 10_000,
      ...(options.clock ? { clock: options.clock } : {}),
    });
    return {
      stream: (streamOptions) =>
        stopOnAbort(streamCartesia(options, modelId, sockets, streamOptions), streamOptions.signal),
      close: () => sockets.close(),
    };
  });
}

/** Messages carry their `context_id`; one without goes to every reply on the socket. */
const contextRouter: FrameRouter = {
  route(frame: WsFrame): Route {
    if (frame.type === 'binary') return 'drop';
    try {
      const id = (JSON.parse(frame.data) as { context_id?: unknown }).context_id;
      return typeof id === 'string' && id !== '' ? { to: id } : 'all';
    } catch (error: unknown) {
      // Not JSON: every reply reports it as malformed.
      if (error instanceof SyntaxError) return 'all';
      throw error;
    }
  },
};

async function* streamCartesia(
  options: CartesiaTtsOptions,
  modelId: string,
  sockets: SessionSockets<FrameRouter>,
  streamOptions: TtsStreamOptions,
): AsyncGenerator<TtsPart> {
  const { signal } = streamOptions;
  if (signal.aborted) return;
  const rate = CARTESIA_RATES.includes(streamOptions.sampleRate)
    ? streamOptions.sampleRate
    : 24_000;
  const contextId = randomUUID();
  const stop = new AbortController();
  let finished = false;
  let send: ((message: Record<string, unknown>) => void) | undefined;
  let release = (): void => undefined;
  /** Input chunks in order; `sent` when they had words to speak. */
  const segments: { text: string; sent: boolean }[] = [];
  try {
    const language = vendorLanguage('cartesia', streamOptions.language ?? options.language ?? 'en');
    const base = {
      model_id: modelId,
      voice: { mode: 'id', id: streamOptions.voice ?? options.voiceId ?? DEFAULT_VOICE },
      language,
      context_id: contextId,
      output_format: { container: 'raw', encoding: 'pcm_s16le', sample_rate: rate },
      add_timestamps: true,
    };
    const socket = await sockets.use('tts', signal);
    const inbox = socket.open(contextId);
    release = () => socket.release(contextId);
    send = (message) => {
      socket.send(JSON.stringify(message));
      sockets.touch('tts');
    };
    const open = send;
    let pumpError: unknown;
    void (async () => {
      for await (const text of untilAborted(streamOptions.text, stop.signal)) {
        const sent = text.trim() !== '';
        segments.push({ text, sent });
        if (sent) open({ ...base, transcript: `${text.trim()} `, continue: true, flush: true });
      }
      if (!stop.signal.aborted) open({ ...base, transcript: '', continue: false });
    })().catch((error: unknown) => {
      pumpError = error;
      release();
    });

    const decoder = new PcmByteDecoder(rate, streamOptions.sampleRate);
    const endSegments = segmentEnder(decoder, segments);
    for await (const frame of untilAborted(inbox, signal)) {
      if (signal.aborted) return;
      if (frame.type !== 'text') continue;
      const message = parseCartesiaMessage(frame.data);
      if (message.kind === 'other') continue;
      // An error for no context is the socket's: it concerns every reply.
      if (message.kind === 'error' && [contextId, ''].includes(message.contextId)) {
        // A context Cartesia refused or failed has ended on its side: nothing to cancel.
        finished = true;
        throw message.error;
      }
      if (message.contextId !== contextId) continue;
      if (message.kind === 'audio') {
        const chunk = decoder.push(message.pcm);
        if (chunk) yield { type: 'audio', chunk };
      } else if (message.kind === 'words') {
        for (const word of message.words) yield { type: 'word', ...word };
      } else if (message.kind === 'flush-done') {
        yield* endSegments(false);
      } else if (message.kind === 'done') {
        yield* endSegments(true);
        finished = true;
        return;
      }
    }
    throw toParleyError(
      pumpError ?? new ProtocolError('cartesia: context ended without done'),
      'cartesia',
    );
  } catch (error) {
    if (signal.aborted) return;
    yield { type: 'error', error: toParleyError(error, 'cartesia') };
  } finally {
    stop.abort();
    // A barge-in: the vendor drops what it still has queued for this context.
    if (!finished) send?.({ context_id: contextId, cancel: true });
    release();
  }
}
