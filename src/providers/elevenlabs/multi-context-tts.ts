import { ProtocolError } from '../../spec/errors.ts';
import type { TtsPart, TtsStreamOptions } from '../../spec/tts.ts';
import { untilAborted } from '../../stream/abort.ts';
import { toParleyError } from '../resilience/errors.ts';
import { PcmByteDecoder } from '../resilience/pcm-chunks.ts';
import { stopOnAbort } from '../resilience/stop-on-abort.ts';
import type { FrameRouter, Route, WsFrame } from '../shared/routed-socket.ts';
import { sessionScopedTts, type SessionScopedTts } from '../shared/session-scoped-tts.ts';
import { SessionSockets } from '../shared/session-sockets.ts';
import { countSpokenChars, WordAligner } from './alignment.ts';
import { connectElevenLabs, voiceSettings } from './connect.ts';
import { parseElevenLabsMessage } from './messages.ts';
import { INACTIVITY_TIMEOUT_S } from './multi-rules.ts';
import type { ElevenLabsTtsOptions } from './tts.ts';

const PCM_RATES = [8_000, 16_000, 22_050, 24_000, 44_100, 48_000];

/** A session's ElevenLabs voice: `openSession()` gives a conversation one socket for all its replies. */
export type ElevenLabsMultiContextTts = SessionScopedTts;

/**
 * ElevenLabs multi-context WebSocket (`/multi-stream-input`): one socket per session
 * ("one WebSocket connection for each end-user session",
 * https://elevenlabs.io/docs/cookbooks/multi-context-web-socket) per voice and output rate,
 * each reply a new `context_id` on it. A reply that ends sends `close_context` once all its
 * audio has arrived and finishes on that context's `isFinal`; a reply that is aborted
 * (barge-in) sends `close_context` at once and drops the rest of its audio. The socket asks
 * for the longest `inactivity_timeout` (180 s); one the vendor closes when idle is reopened
 * by the next reply, and one idle for nearly that long is replaced before it is used.
 */
export function createElevenLabsMultiContextTts(
  options: ElevenLabsTtsOptions,
): ElevenLabsMultiContextTts {
  const modelId = options.modelId ?? 'eleven_flash_v2_5';
  const info = {
    provider: 'elevenlabs',
    model: modelId,
    capabilities: { streaming: true, wordTimings: true, sampleRates: PCM_RATES, languages: ['*'] },
  };
  return sessionScopedTts(info, () => {
    const sockets = new SessionSockets({
      provider: 'elevenlabs',
      connect: (url, signal) => connectElevenLabs(options, url, signal),
      router: () => contextRouter,
      goodbye: JSON.stringify({ close_socket: true }),
      maxIdleMs: (INACTIVITY_TIMEOUT_S - 10) * 1_000,
      ...(options.clock ? { clock: options.clock } : {}),
    });
    let contexts = 0;
    return {
      stream: (streamOptions) => {
        const contextId = `reply-${++contexts}`;
        return stopOnAbort(
          streamContext(options, modelId, sockets, contextId, streamOptions),
          streamOptions.signal,
        );
      },
      close: () => sockets.close(),
    };
  });
}

/** Server messages carry their `contextId`; one without (a socket-wide error) goes to every reply. */
const contextRouter: FrameRouter = {
  route(frame: WsFrame): Route {
    if (frame.type === 'binary') return 'drop';
    const id = contextIdOf(frame.data);
    return id === undefined ? 'all' : { to: id };
  },
};

function socketUrl(options: ElevenLabsTtsOptions, modelId: string, voice: string, rate: number) {
  const query = new URLSearchParams({
    model_id: modelId,
    output_format: `pcm_${rate}`,
    sync_alignment: 'true',
    inactivity_timeout: String(INACTIVITY_TIMEOUT_S),
  });
  const base = (options.baseUrl ?? 'wss://api.elevenlabs.io').replace(/\/+$/, '');
  return `${base}/v1/text-to-speech/${encodeURIComponent(voice)}/multi-stream-input?${query}`;
}

async function* streamContext(
  options: ElevenLabsTtsOptions,
  modelId: string,
  sockets: SessionSockets<FrameRouter>,
  contextId: string,
  streamOptions: TtsStreamOptions,
): AsyncGenerator<TtsPart> {
  const { signal } = streamOptions;
  if (signal.aborted) return;
  const rate = PCM_RATES.includes(streamOptions.sampleRate) ? streamOptions.sampleRate : 24_000;
  const url = socketUrl(options, modelId, streamOptions.voice ?? options.voiceId, rate);
  let send: ((message: Record<string, unknown>) => void) | undefined;
  let closeSent = false;
  const closeContext = () => {
    if (closeSent || !send) return;
    closeSent = true;
    send({ context_id: contextId, close_context: true });
  };
  const stop = new AbortController();
  let release = (): void => undefined;
  try {
    const socket = await sockets.use(url, signal);
    const inbox = socket.open(contextId);
    release = () => socket.release(contextId);
    send = (message) => {
      socket.send(JSON.stringify(message));
      sockets.touch(url);
    };
    const open = send;
    open({
      text: ' ',
      context_id: contextId,
      voice_settings: voiceSettings(options, streamOptions.speakingRate),
    });
    const segments: { text: string; endChar: number }[] = [];
    const aligner = new WordAligner();
    let sentChars = 0;
    let textDone = false;
    const closeWhenSpoken = () => {
      if (textDone && aligner.spokenChars >= sentChars) closeContext();
    };
    let pumpError: unknown;
    void (async () => {
      for await (const text of untilAborted(streamOptions.text, stop.signal)) {
        sentChars += countSpokenChars(text);
        segments.push({ text, endChar: sentChars });
        if (text.trim() !== '') {
          open({ text: `${text.trimEnd()} `, context_id: contextId, flush: true });
        }
      }
      textDone = true;
      closeWhenSpoken();
    })().catch((error: unknown) => {
      pumpError = error;
      release();
    });

    const decoder = new PcmByteDecoder(rate, streamOptions.sampleRate);
    let vendorSamples = 0;
    let ended = 0;
    const finishedSegments = function* (all: boolean): Generator<TtsPart> {
      while (ended < segments.length) {
        const segment = segments[ended];
        if (!segment || (!all && segment.endChar > aligner.spokenChars)) return;
        ended++;
        const tail = all ? undefined : decoder.flush();
        if (tail) yield { type: 'audio', chunk: tail };
        yield { type: 'segment-end', text: segment.text };
      }
    };
    for await (const frame of untilAborted(inbox, signal)) {
      if (signal.aborted) return;
      if (frame.type !== 'text') continue;
      const message = parseElevenLabsMessage(frame.data);
      if (message.kind === 'error') throw message.error;
      if (message.kind === 'audio' && message.pcm.length > 0) {
        const offsetMs = (vendorSamples * 1_000) / rate;
        vendorSamples += Math.floor(message.pcm.length / 2);
        const chunk = decoder.push(message.pcm);
        if (chunk) yield { type: 'audio', chunk };
        const words = message.alignment ? aligner.push(message.alignment, offsetMs) : [];
        for (const word of words) yield { type: 'word', ...word };
        yield* finishedSegments(false);
        closeWhenSpoken();
      }
      if (message.kind === 'final' || (message.kind === 'audio' && message.isFinal)) {
        const tail = decoder.flush();
        if (tail) yield { type: 'audio', chunk: tail };
        for (const word of aligner.flush()) yield { type: 'word', ...word };
        yield* finishedSegments(true);
        return;
      }
    }
    // The inbox ended without the context's final message: the text source failed.
    throw toParleyError(
      pumpError ?? new ProtocolError('elevenlabs: context ended without its final message'),
      'elevenlabs',
    );
  } catch (error) {
    if (signal.aborted) return;
    yield { type: 'error', error: toParleyError(error, 'elevenlabs') };
  } finally {
    stop.abort();
    // Barge-in (or an early return): the server stops generating for this context.
    closeContext();
    release();
  }
}

/** The `contextId` of a server message, if it is JSON and has one. */
function contextIdOf(data: string): string | undefined {
  try {
    const id = (JSON.parse(data) as { contextId?: unknown }).contextId;
    return typeof id === 'string' ? id : undefined;
  } catch (error: unknown) {
    // Not JSON: no context to route it to; every open reply reports it as malformed.
    if (error instanceof SyntaxError) return undefined;
    throw error;
  }
}
