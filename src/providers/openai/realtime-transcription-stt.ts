import { createResampler } from '../../audio/resample.ts';
import { connectWithRetry } from '../resilience/connect-with-retry.ts';
import type { Clock } from '../../spec/clock.ts';
import { ProviderError } from '../../spec/errors.ts';
import type { SttModel, SttPart, SttStreamOptions } from '../../spec/stt.ts';
import { untilAborted } from '../../stream/abort.ts';
import { toParleyError } from '../resilience/errors.ts';
import type { RetryOptions } from '../resilience/retry.ts';
import { stopOnAbort } from '../resilience/stop-on-abort.ts';
import type { WsConnection } from '../resilience/ws.ts';
import { vendorLanguage } from '../shared/languages.ts';
import { MIN_COMMIT_MS } from './realtime-rules.ts';

export interface OpenAIRealtimeTranscriptionOptions {
  /** Optional for self-hosted compatible servers. */
  readonly apiKey?: string;
  /** Default `gpt-4o-mini-transcribe`. */
  readonly model?: string;
  /** Default `https://api.openai.com/v1` (the socket is its `wss:` twin). */
  readonly baseUrl?: string;
  /** Handshake timeout. Default 10 000. */
  readonly timeoutMs?: number;
  readonly retry?: Omit<RetryOptions, 'signal' | 'clock'>;
  readonly clock?: Clock;
}

/** pcm16 on the Realtime API: 24 kHz mono little-endian. */
const REALTIME_RATE = 24_000;

/**
 * OpenAI Realtime transcription (`/v1/realtime?intent=transcription`): one socket per
 * stream, audio appended as it arrives, server VAD off (`turn_detection: null`: Parley owns
 * turn-taking), so each `finalize` commits the buffer; the transcript streams back as
 * `delta` events (interims) and a `completed` final. A vendor error event is reported as an
 * `error` part and the stream goes on.
 */
export function createOpenAIRealtimeTranscriptionStt(
  options: OpenAIRealtimeTranscriptionOptions,
): SttModel {
  const model = options.model ?? 'gpt-4o-mini-transcribe';
  return {
    provider: 'openai',
    model,
    capabilities: {
      streaming: true,
      interimResults: true,
      wordTimings: false,
      languages: ['*'],
      // Server VAD is off (Parley owns turn-taking): each utterance is committed on finalize.
      finalizeOnSpeechEnd: true,
    },
    stream: (streamOptions) =>
      stopOnAbort(transcribe(options, model, streamOptions), streamOptions.signal),
  };
}

function realtimeUrl(baseUrl: string | undefined): string {
  const base = (baseUrl ?? 'https://api.openai.com/v1').replace(/\/+$/, '');
  return `${base.replace(/^http/, 'ws')}/realtime?intent=transcription`;
}

async function* transcribe(
  options: OpenAIRealtimeTranscriptionOptions,
  model: string,
  streamOptions: SttStreamOptions,
): AsyncGenerator<SttPart> {
  const { signal } = streamOptions;
  if (signal.aborted) return;
  const stop = new AbortController();
  let connection: WsConnection | undefined;
  try {
    connection = await connectWithRetry(options, {
      provider: 'openai',
      url: realtimeUrl(options.baseUrl),
      headers: {
        'OpenAI-Beta': 'realtime=v1',
        ...(options.apiKey !== undefined && { Authorization: `Bearer ${options.apiKey}` }),
      },
      signal,
    });
    const open = connection;
    const send = (event: Record<string, unknown>) => open.send(JSON.stringify(event));
    const language = streamOptions.language
      ? vendorLanguage('openai', streamOptions.language)
      : undefined;
    send({
      type: 'transcription_session.update',
      session: {
        input_audio_format: 'pcm16',
        input_audio_transcription: { model, ...(language !== undefined && { language }) },
        turn_detection: null,
      },
    });
    const state = { commits: 0, completed: 0, audioDone: false };
    const closeIfDone = () => {
      if (state.audioDone && state.completed >= state.commits) open.close();
    };
    void (async () => {
      const resampler = createResampler(streamOptions.sampleRate, REALTIME_RATE);
      let bufferedMs = 0;
      const commit = () => {
        // Shorter commits are refused (input_audio_buffer_commit_empty): keep them for the next.
        if (bufferedMs < MIN_COMMIT_MS) return;
        const tail = resampler.flush();
        if (tail.length > 0) send({ type: 'input_audio_buffer.append', audio: base64(tail) });
        send({ type: 'input_audio_buffer.commit' });
        state.commits++;
        bufferedMs = 0;
      };
      for await (const input of untilAborted(streamOptions.audio, stop.signal)) {
        if (input.type === 'finalize') {
          commit();
          continue;
        }
        const samples = resampler.push(input.chunk.samples);
        bufferedMs += (input.chunk.samples.length * 1_000) / streamOptions.sampleRate;
        if (samples.length > 0) send({ type: 'input_audio_buffer.append', audio: base64(samples) });
      }
      if (stop.signal.aborted) return;
      commit();
      state.audioDone = true;
      closeIfDone();
    })().catch((error: unknown) => {
      open.close(true);
      stop.abort(error);
    });

    const interim = new Map<string, string>();
    let configured = false;
    for await (const event of open.events) {
      if (signal.aborted) return;
      if (event.type === 'error') throw event.error;
      if (event.type === 'close') {
        if (state.audioDone && state.completed >= state.commits) return;
        if (stop.signal.reason !== undefined) throw toParleyError(stop.signal.reason, 'openai');
        throw new ProviderError(`openai: realtime socket closed (${event.code})`, {
          provider: 'openai',
          retryable: event.code !== 1008,
          cause: new Error(event.reason || `close ${event.code}`),
        });
      }
      if (event.type !== 'text') continue;
      const message = parseEvent(event.data);
      const itemId = message.item_id ?? '';
      if (message.type === 'conversation.item.input_audio_transcription.delta') {
        const text = (interim.get(itemId) ?? '') + (message.delta ?? '');
        interim.set(itemId, text);
        if (text.trim() !== '') yield { type: 'interim', text: text.trim() };
      } else if (message.type === 'conversation.item.input_audio_transcription.completed') {
        interim.delete(itemId);
        state.completed++;
        yield { type: 'final', text: (message.transcript ?? '').trim() };
        closeIfDone();
      } else if (message.type === 'conversation.item.input_audio_transcription.failed') {
        state.completed++;
        yield { type: 'error', error: vendorError(message.error) };
        closeIfDone();
      } else if (message.type === 'transcription_session.updated') {
        configured = true;
      } else if (message.type === 'error') {
        // A refused session (model, language, format) cannot transcribe anything: stop.
        if (!configured) throw vendorError(message.error);
        yield { type: 'error', error: vendorError(message.error) };
      }
    }
  } catch (error) {
    if (signal.aborted) return;
    yield { type: 'error', error: toParleyError(error, 'openai') };
  } finally {
    stop.abort();
    connection?.close();
  }
}

interface RealtimeEvent {
  readonly type?: string;
  readonly item_id?: string;
  readonly delta?: string;
  readonly transcript?: string;
  readonly error?: unknown;
}

function parseEvent(data: string): RealtimeEvent {
  try {
    return JSON.parse(data) as RealtimeEvent;
  } catch (error: unknown) {
    throw new ProviderError('openai: malformed realtime event', {
      provider: 'openai',
      retryable: false,
      cause: error,
    });
  }
}

function vendorError(raw: unknown): ProviderError {
  const { code, message } = (raw ?? {}) as { code?: string; message?: string };
  return new ProviderError(`openai: ${code ?? 'error'}: ${message ?? ''}`, {
    provider: 'openai',
    retryable: false,
    cause: raw,
  });
}

function base64(samples: Int16Array): string {
  return Buffer.from(samples.buffer, samples.byteOffset, samples.byteLength).toString('base64');
}
