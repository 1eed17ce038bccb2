import { int16ToBytes } from '../../audio/pcm.ts';
import { connectWithRetry } from '../resilience/connect-with-retry.ts';
import type { Clock } from '../../spec/clock.ts';
import { AudioFormatError } from '../../spec/errors.ts';
import type { SttModel, SttPart, SttStreamOptions } from '../../spec/stt.ts';
import { untilAborted } from '../../stream/abort.ts';
import { systemClock } from '../../stream/system-clock.ts';
import type { RetryOptions } from '../resilience/retry.ts';
import { stopOnAbort } from '../resilience/stop-on-abort.ts';
import { runVendorSocket } from '../shared/vendor-socket.ts';
import { STT_LANGUAGES, toSarvamLanguage } from './languages.ts';
import { parseSarvamMessage } from './messages.ts';

export interface SarvamSttOptions {
  readonly apiKey: string;
  /** `saaras:v3` (default) or `saaras:v4`. */
  readonly model?: string;
  /** `transcribe` (default), `translate` (to English), `verbatim`, `translit`, `codemix`. */
  readonly mode?: string;
  /** Default `hi-IN`; a stream's `language` overrides it. */
  readonly language?: string;
  /** Default `wss://api.sarvam.ai`. */
  readonly baseUrl?: string;
  /** Audio gathered into one message. Default 100. */
  readonly sendEveryMs?: number;
  /**
   * After the input ends (and a last flush), the socket closes once it has been quiet this
   * long: Saaras does not say which transcript is the last. Default 1 500.
   */
  readonly finalQuietMs?: number;
  /** Handshake timeout. Default 10 000. */
  readonly timeoutMs?: number;
  readonly retry?: Omit<RetryOptions, 'signal' | 'clock'>;
  readonly clock?: Clock;
}

/** Connection rates the socket takes (`sample_rate`). */
const RATES = [8_000, 16_000];
const FLUSH = JSON.stringify({ type: 'flush' });

/**
 * Sarvam Saaras streaming recognition over `/speech-to-text/ws`: raw PCM16 in base64 JSON
 * messages, a `flush` on Parley's finalize (`flush_signal=true`), one `data` transcript per
 * segment. Saaras sends no interim results or word times, so turn-taking policy confirms
 * barge-ins on sustained speech with it (`interimResults: false`).
 */
export function createSarvamStt(options: SarvamSttOptions): SttModel {
  return {
    provider: 'sarvam',
    model: options.model ?? 'saaras:v3',
    capabilities: {
      streaming: true,
      interimResults: false,
      wordTimings: false,
      languages: STT_LANGUAGES,
    },
    stream: (streamOptions) =>
      stopOnAbort(streamSarvam(options, streamOptions), streamOptions.signal),
  };
}

function streamSarvam(
  options: SarvamSttOptions,
  streamOptions: SttStreamOptions,
): AsyncIterable<SttPart> {
  const { sampleRate } = streamOptions;
  const clock = options.clock ?? systemClock;
  /** Audio was sent that no transcript has answered yet. */
  let unanswered = false;
  /** Set once the input ended: (re)arms the quiet timer that closes the socket. */
  let armQuietClose: (() => void) | undefined;
  let cancelQuietClose = (): void => undefined;
  return runVendorSocket<SttPart>({
    provider: 'sarvam',
    signal: streamOptions.signal,
    connect: (signal) => {
      if (!RATES.includes(sampleRate)) {
        throw new AudioFormatError(
          `sarvam: streaming recognition takes 8000 or 16000 Hz audio, not ${sampleRate}`,
        );
      }
      const query = new URLSearchParams({
        'language-code': toSarvamLanguage(streamOptions.language ?? options.language ?? 'hi-IN'),
        model: options.model ?? 'saaras:v3',
        mode: options.mode ?? 'transcribe',
        sample_rate: String(sampleRate),
        input_audio_codec: 'pcm_s16le',
        vad_signals: 'true',
        flush_signal: 'true',
      });
      const url = `${(options.baseUrl ?? 'wss://api.sarvam.ai').replace(/\/+$/, '')}/speech-to-text/ws?${query}`;
      return connectWithRetry(options, {
        provider: 'sarvam',
        url,
        headers: { 'api-subscription-key': options.apiKey },
        signal,
      });
    },
    pump: async (open, signal) => {
      const sendEverySamples = Math.round((sampleRate * (options.sendEveryMs ?? 100)) / 1_000);
      let batch: Int16Array[] = [];
      let batched = 0;
      const sendBatch = (): void => {
        if (batched === 0) return;
        const samples = new Int16Array(batched);
        let offset = 0;
        for (const part of batch) {
          samples.set(part, offset);
          offset += part.length;
        }
        batch = [];
        batched = 0;
        const data = Buffer.from(int16ToBytes(samples)).toString('base64');
        open.send(
          JSON.stringify({ audio: { data, sample_rate: sampleRate, encoding: 'audio/wav' } }),
        );
        unanswered = true;
      };
      for await (const input of untilAborted(streamOptions.audio, signal)) {
        if (input.type === 'finalize') {
          sendBatch();
          if (unanswered) open.send(FLUSH);
          continue;
        }
        if (input.chunk.sampleRate !== sampleRate) {
          throw new AudioFormatError(
            `sarvam: chunk at ${input.chunk.sampleRate} Hz in a ${sampleRate} Hz stream`,
          );
        }
        batch.push(input.chunk.samples.slice());
        batched += input.chunk.samples.length;
        if (batched >= sendEverySamples) sendBatch();
      }
      if (signal.aborted) return;
      sendBatch();
      if (!unanswered) return open.close();
      open.send(FLUSH);
      armQuietClose = () => {
        cancelQuietClose();
        cancelQuietClose = clock.setTimer(options.finalQuietMs ?? 1_500, () => open.close());
      };
      armQuietClose();
    },
    closeIsEnd: (code) => code === 1000,
    cleanup: () => cancelQuietClose(),
    *onFrame(frame) {
      if (frame.type !== 'text') return;
      armQuietClose?.();
      const message = parseSarvamMessage(frame.data);
      if (message.kind === 'error') throw message.error;
      if (message.kind !== 'transcript') return;
      unanswered = false;
      if (message.text.trim() !== '') yield { type: 'final', text: message.text.trim() };
    },
  });
}
