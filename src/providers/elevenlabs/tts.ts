import type { Clock } from '../../spec/clock.ts';
import { ProviderError } from '../../spec/errors.ts';
import type { TtsModel, TtsPart, TtsStreamOptions } from '../../spec/tts.ts';
import { untilAborted } from '../../stream/abort.ts';
import { systemClock } from '../../stream/system-clock.ts';
import { toParleyError } from '../resilience/errors.ts';
import { PcmByteDecoder } from '../resilience/pcm-chunks.ts';
import { stopOnAbort } from '../resilience/stop-on-abort.ts';
import type { RetryOptions } from '../resilience/retry.ts';
import type { WsConnection } from '../resilience/ws.ts';
import { countSpokenChars, WordAligner } from './alignment.ts';
import { connectElevenLabs, voiceSettings } from './connect.ts';
import { parseElevenLabsMessage } from './messages.ts';

export interface ElevenLabsTtsOptions {
  readonly apiKey: string;
  readonly voiceId: string;
  /** Default `eleven_flash_v2_5` (lowest latency). */
  readonly modelId?: string;
  /** Default `wss://api.elevenlabs.io`. */
  readonly baseUrl?: string;
  readonly stability?: number;
  readonly similarityBoost?: number;
  /** A space is sent after this long without text, so the socket's 20 s inactivity limit is not hit. Default 15 000. */
  readonly keepAliveMs?: number;
  /** Handshake timeout. Default 10 000. */
  readonly timeoutMs?: number;
  readonly retry?: Omit<RetryOptions, 'signal' | 'clock'>;
  readonly clock?: Clock;
}

/** `pcm_<rate>` output formats the socket offers; other rates are resampled from 24 kHz. */
const PCM_RATES = [8_000, 16_000, 22_050, 24_000, 44_100, 48_000];

/** ElevenLabs WebSocket input streaming: text chunks in, PCM and character alignment out. */
export function createElevenLabsTts(options: ElevenLabsTtsOptions): TtsModel {
  const modelId = options.modelId ?? 'eleven_flash_v2_5';
  return {
    provider: 'elevenlabs',
    model: modelId,
    capabilities: { streaming: true, wordTimings: true, sampleRates: PCM_RATES, languages: ['*'] },
    stream: (streamOptions) =>
      stopOnAbort(streamElevenLabs(options, modelId, streamOptions), streamOptions.signal),
  };
}

async function* streamElevenLabs(
  options: ElevenLabsTtsOptions,
  modelId: string,
  streamOptions: TtsStreamOptions,
): AsyncGenerator<TtsPart> {
  const { signal } = streamOptions;
  if (signal.aborted) return;
  const vendorRate = PCM_RATES.includes(streamOptions.sampleRate)
    ? streamOptions.sampleRate
    : 24_000;
  const voiceId = encodeURIComponent(streamOptions.voice ?? options.voiceId);
  // sync_alignment: alignment arrives with each audio chunk, so word times line up with audio.
  const query = new URLSearchParams({
    model_id: modelId,
    output_format: `pcm_${vendorRate}`,
    sync_alignment: 'true',
  });
  const url = `${(options.baseUrl ?? 'wss://api.elevenlabs.io').replace(/\/+$/, '')}/v1/text-to-speech/${voiceId}/stream-input?${query}`;
  const stop = new AbortController();
  const onAbort = (): void => stop.abort();
  signal.addEventListener('abort', onAbort, { once: true });
  let connection: WsConnection | undefined;
  const segments: { text: string; endChar: number }[] = [];
  let pumpError: unknown;
  let cancelKeepAlive = (): void => undefined;
  try {
    connection = await connectElevenLabs(options, url, signal);
    const open = connection;
    void (async () => {
      open.send(
        JSON.stringify({
          text: ' ',
          voice_settings: voiceSettings(options, streamOptions.speakingRate),
        }),
      );
      let sentChars = 0;
      const clock = options.clock ?? systemClock;
      const keepAliveMs = options.keepAliveMs ?? 15_000;
      const keepAlive = (): void => {
        open.send(JSON.stringify({ text: ' ' }));
        cancelKeepAlive = clock.setTimer(keepAliveMs, keepAlive);
      };
      cancelKeepAlive = clock.setTimer(keepAliveMs, keepAlive);
      for await (const text of untilAborted(streamOptions.text, stop.signal)) {
        sentChars += countSpokenChars(text);
        segments.push({ text, endChar: sentChars });
        // Each chunk is a sentence or clause: flush so its audio starts now.
        if (text.trim() !== '')
          open.send(JSON.stringify({ text: `${text.trimEnd()} `, flush: true }));
        cancelKeepAlive();
        cancelKeepAlive = clock.setTimer(keepAliveMs, keepAlive);
      }
      cancelKeepAlive();
      if (!stop.signal.aborted) open.send(JSON.stringify({ text: '' }));
    })().catch((error: unknown) => {
      pumpError = error;
      open.close(true);
    });

    const decoder = new PcmByteDecoder(vendorRate, streamOptions.sampleRate);
    const aligner = new WordAligner();
    let vendorSamples = 0;
    let ended = 0;
    const finishedSegments = function* (all: boolean): Generator<TtsPart> {
      while (ended < segments.length) {
        const segment = segments[ended];
        if (!segment || (!all && segment.endChar > aligner.spokenChars)) return;
        ended++;
        // The resampler holds a few samples back; they belong to this segment.
        const tail = all ? undefined : decoder.flush();
        if (tail) yield { type: 'audio', chunk: tail };
        yield { type: 'segment-end', text: segment.text };
      }
    };
    for await (const event of connection.events) {
      if (signal.aborted) return;
      if (event.type === 'error') throw event.error;
      if (event.type === 'binary') continue;
      if (event.type === 'close') {
        if (pumpError !== undefined) throw toParleyError(pumpError, 'elevenlabs');
        throw new ProviderError(
          `elevenlabs: socket closed before the final message (${event.code})`,
          {
            provider: 'elevenlabs',
            retryable: event.code !== 1008,
            cause: new Error(event.reason || `close ${event.code}`),
          },
        );
      }
      const message = parseElevenLabsMessage(event.data);
      if (message.kind === 'error') throw message.error;
      if (message.kind === 'audio' && message.pcm.length > 0) {
        const offsetMs = (vendorSamples * 1_000) / vendorRate;
        vendorSamples += Math.floor(message.pcm.length / 2);
        const chunk = decoder.push(message.pcm);
        if (chunk) yield { type: 'audio', chunk };
        const words = message.alignment ? aligner.push(message.alignment, offsetMs) : [];
        for (const word of words) yield { type: 'word', ...word };
        yield* finishedSegments(false);
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
    signal.removeEventListener('abort', onAbort);
    stop.abort();
    cancelKeepAlive();
    connection?.close();
  }
}
