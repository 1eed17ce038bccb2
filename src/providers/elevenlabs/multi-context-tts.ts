import type { TtsModel, TtsPart, TtsStreamOptions } from '../../spec/tts.ts';
import { untilAborted } from '../../stream/abort.ts';
import { toParleyError } from '../resilience/errors.ts';
import { PcmByteDecoder } from '../resilience/pcm-chunks.ts';
import { withRetry } from '../resilience/retry.ts';
import { stopOnAbort } from '../resilience/stop-on-abort.ts';
import { connectWebSocket } from '../resilience/ws.ts';
import { countSpokenChars, WordAligner } from './alignment.ts';
import { parseElevenLabsMessage } from './messages.ts';
import { MultiContextSocket } from './multi-socket.ts';
import type { ElevenLabsTtsOptions } from './tts.ts';

const PCM_RATES = [8_000, 16_000, 22_050, 24_000, 44_100, 48_000];

/** A session's ElevenLabs voice: one socket, one context per reply. Close it with the session. */
export interface ElevenLabsMultiContextTts extends TtsModel {
  /** Sends `close_socket` on every socket it opened and waits for them to end. */
  close(): Promise<void>;
}

/**
 * ElevenLabs multi-context WebSocket (`/multi-stream-input`): the first reply opens one
 * socket per voice and output rate, and every reply after it is a new `context_id` on it
 * (no handshake per reply). A reply that ends sends `close_context` once all its audio has
 * arrived and finishes on that context's `isFinal`; a reply that is aborted (barge-in)
 * sends `close_context` at once and drops the rest of its audio.
 */
export function createElevenLabsMultiContextTts(
  options: ElevenLabsTtsOptions,
): ElevenLabsMultiContextTts {
  const modelId = options.modelId ?? 'eleven_flash_v2_5';
  const sockets = new Map<string, Promise<MultiContextSocket>>();
  let contexts = 0;

  const socketFor = (voiceId: string, rate: number, signal: AbortSignal) => {
    const key = `${voiceId}|${rate}`;
    const existing = sockets.get(key);
    if (existing) return existing;
    const query = new URLSearchParams({
      model_id: modelId,
      output_format: `pcm_${rate}`,
      sync_alignment: 'true',
    });
    const base = (options.baseUrl ?? 'wss://api.elevenlabs.io').replace(/\/+$/, '');
    const url = `${base}/v1/text-to-speech/${encodeURIComponent(voiceId)}/multi-stream-input?${query}`;
    const opening = withRetry(
      () =>
        connectWebSocket({
          provider: 'elevenlabs',
          url,
          headers: { 'xi-api-key': options.apiKey },
          signal,
          timeoutMs: options.timeoutMs ?? 10_000,
          clock: options.clock,
        }),
      { ...options.retry, signal, clock: options.clock },
    ).then((connection) => {
      const socket = new MultiContextSocket(connection);
      // A socket that ends (idle timeout, error) is forgotten: the next reply opens another.
      void socket.done.then(() => {
        if (sockets.get(key) === opening) sockets.delete(key);
      });
      return socket;
    });
    sockets.set(key, opening);
    opening.catch(() => sockets.delete(key));
    return opening;
  };

  return {
    provider: 'elevenlabs',
    model: modelId,
    capabilities: { streaming: true, wordTimings: true, sampleRates: PCM_RATES, languages: ['*'] },
    stream: (streamOptions) => {
      const contextId = `reply-${++contexts}`;
      return stopOnAbort(
        streamContext(options, socketFor, contextId, streamOptions),
        streamOptions.signal,
      );
    },
    close: async () => {
      const open = [...sockets.values()];
      sockets.clear();
      for (const opening of open) {
        const socket = await opening.catch(() => undefined);
        await socket?.close();
      }
    },
  };
}

async function* streamContext(
  options: ElevenLabsTtsOptions,
  socketFor: (voice: string, rate: number, signal: AbortSignal) => Promise<MultiContextSocket>,
  contextId: string,
  streamOptions: TtsStreamOptions,
): AsyncGenerator<TtsPart> {
  const { signal } = streamOptions;
  if (signal.aborted) return;
  const rate = PCM_RATES.includes(streamOptions.sampleRate) ? streamOptions.sampleRate : 24_000;
  let socket: MultiContextSocket | undefined;
  let closeSent = false;
  const closeContext = () => {
    if (closeSent || !socket) return;
    closeSent = true;
    socket.send({ context_id: contextId, close_context: true });
  };
  const stop = new AbortController();
  try {
    socket = await socketFor(streamOptions.voice ?? options.voiceId, rate, signal);
    const open = socket;
    const inbox = open.open(contextId);
    const voiceSettings: Record<string, number> = {
      stability: options.stability ?? 0.5,
      similarity_boost: options.similarityBoost ?? 0.8,
    };
    if (streamOptions.speakingRate !== undefined)
      voiceSettings['speed'] = streamOptions.speakingRate;
    open.send({ text: ' ', context_id: contextId, voice_settings: voiceSettings });
    const segments: { text: string; endChar: number }[] = [];
    const aligner = new WordAligner();
    let sentChars = 0;
    let textDone = false;
    const closeWhenSpoken = () => {
      if (textDone && aligner.spokenChars >= sentChars) closeContext();
    };
    void (async () => {
      for await (const text of untilAborted(streamOptions.text, stop.signal)) {
        sentChars += countSpokenChars(text);
        segments.push({ text, endChar: sentChars });
        if (text.trim() !== '') {
          open.send({ text: `${text.trimEnd()} `, context_id: contextId, flush: true });
        }
      }
      textDone = true;
      closeWhenSpoken();
    })().catch((error: unknown) => {
      inbox.fail(error);
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
    for await (const data of inbox) {
      if (signal.aborted) return;
      const message = parseElevenLabsMessage(data);
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
  } catch (error) {
    if (signal.aborted) return;
    yield { type: 'error', error: toParleyError(error, 'elevenlabs') };
  } finally {
    stop.abort();
    // Barge-in (or an early return): the server stops generating for this context.
    closeContext();
    socket?.release(contextId);
  }
}
