/**
 * The naive baseline: wait for the user's whole transcript, then the LLM's whole
 * reply, then the whole TTS audio, and only then send the first frame. Uses the
 * same model interfaces (and the same fakes) as the session.
 */
import type { AudioChunk } from '../src/spec/audio.ts';
import type { LlmModel } from '../src/spec/llm.ts';
import type { SttInput, SttModel } from '../src/spec/stt.ts';
import type { TtsModel } from '../src/spec/tts.ts';
import type { Vad } from '../src/spec/vad.ts';
import { Channel } from '../src/stream/channel.ts';
import { sleepMs } from './fakes/sleep.ts';

export interface SequentialModels {
  readonly vad: Vad;
  readonly stt: SttModel;
  readonly llm: LlmModel;
  readonly tts: TtsModel;
}

export interface SequentialTurn {
  readonly transcript: string;
  readonly replyText: string;
  /** performance.now() when the first audio frame would be sent. */
  readonly firstAudioAtMs: number;
  readonly audioMs: number;
}

/** One turn: VAD end + `silenceMs` and the STT final → full LLM text → full TTS audio. */
export async function runSequentialTurn(
  models: SequentialModels,
  options: {
    readonly silenceMs: number;
    readonly systemPrompt: string;
    readonly signal: AbortSignal;
  },
): Promise<SequentialTurn> {
  const { signal } = options;
  const vadAudio = new Channel<AudioChunk>(1);
  const sttAudio = new Channel<SttInput>(1);
  try {
    const transcriptDone = (async () => {
      const finals: string[] = [];
      for await (const part of models.stt.stream({ audio: sttAudio, sampleRate: 16_000, signal })) {
        if (part.type === 'final') {
          finals.push(part.text);
          sttAudio.close();
        }
      }
      return finals.join(' ');
    })();
    for await (const part of models.vad.stream({ audio: vadAudio, signal })) {
      if (part.type === 'speech-end') break;
    }
    await sleepMs(options.silenceMs, signal);
    const transcript = await transcriptDone;

    let replyText = '';
    const messages = [
      { role: 'system', content: options.systemPrompt },
      { role: 'user', content: transcript },
    ] as const;
    for await (const part of models.llm.stream({ messages, signal })) {
      if (part.type === 'text-delta') replyText += part.text;
    }

    const chunks: AudioChunk[] = [];
    const text = (async function* () {
      yield await Promise.resolve(replyText.trim());
    })();
    for await (const part of models.tts.stream({ text, sampleRate: 16_000, signal })) {
      if (part.type === 'audio') chunks.push(part.chunk);
    }
    const audioMs = chunks.reduce((ms, c) => ms + (c.samples.length * 1000) / c.sampleRate, 0);
    return { transcript, replyText, firstAudioAtMs: performance.now(), audioMs };
  } finally {
    vadAudio.close();
    sttAudio.close();
  }
}
