import { rmsDbfs } from '../../src/audio/level.ts';
import type { SttModel, SttPart, SttStreamOptions } from '../../src/spec/stt.ts';
import { Channel } from '../../src/stream/channel.ts';

export interface OnsetSttOptions {
  /** What the user is heard to say. */
  readonly text: string;
  /** First loud audio → interim with the first word (a streaming STT's first-word latency). */
  readonly interimDelayMs: number;
  /** Quiet audio after speech → final. */
  readonly finalAfterQuietMs: number;
  /** Level that counts as speech. Default -45 dBFS. */
  readonly speechDbfs?: number;
}

/**
 * A fake STT for real audio with unknown timing: it "hears" `text` whenever the
 * audio gets loud, with scripted latencies measured from when that audio arrives.
 */
export function createOnsetStt(options: OnsetSttOptions): SttModel {
  const speechDbfs = options.speechDbfs ?? -45;
  const firstWord = options.text.split(/\s+/)[0] ?? options.text;
  async function* stream(streamOptions: SttStreamOptions): AsyncGenerator<SttPart> {
    const { signal } = streamOptions;
    const out = new Channel<SttPart>(16);
    const timers = new Set<NodeJS.Timeout>();
    const later = (delayMs: number, part: SttPart) => {
      const timer = setTimeout(() => {
        timers.delete(timer);
        out.tryPush(part);
      }, delayMs);
      timers.add(timer);
    };
    const read = (async () => {
      let speaking = false;
      let quietMs = 0;
      for await (const input of streamOptions.audio) {
        if (signal.aborted) break;
        if (input.type !== 'audio') continue;
        const chunkMs = (input.chunk.samples.length * 1000) / input.chunk.sampleRate;
        const loud = rmsDbfs(input.chunk.samples) > speechDbfs;
        if (loud && !speaking) {
          speaking = true;
          later(options.interimDelayMs, { type: 'interim', text: firstWord });
        }
        quietMs = loud ? 0 : quietMs + chunkMs;
        if (speaking && quietMs >= options.finalAfterQuietMs) {
          speaking = false;
          out.tryPush({ type: 'final', text: options.text, confidence: 0.9 });
        }
      }
    })();
    const onAbort = () => out.close();
    signal.addEventListener('abort', onAbort, { once: true });
    read.then(
      () => out.close(),
      (error: unknown) => out.fail(error),
    );
    try {
      for await (const part of out) {
        if (signal.aborted) return;
        yield part;
      }
    } finally {
      signal.removeEventListener('abort', onAbort);
      for (const timer of timers) clearTimeout(timer);
    }
  }
  return {
    provider: 'fake',
    model: 'onset-stt',
    capabilities: { streaming: true, interimResults: true, wordTimings: false, languages: ['*'] },
    stream,
  };
}
