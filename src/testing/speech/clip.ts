import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { parseWav } from '../../audio/wav.ts';
import { renderSound, type TestSound } from './sounds.ts';
import { soundSpanMs, type SpanMs } from './span.ts';
import { renderVoice, TestSpeechError, toPcm16k, type TestVoice } from './voices.ts';
import { concatInt16 } from '../../audio/pcm.ts';

/** One piece of a clip: words in the clip's voice, a pause, or a sound. */
export type ClipPart =
  { readonly say: string } | { readonly pauseMs: number } | { readonly sound: TestSound };

export interface ClipSpec {
  readonly voice: TestVoice;
  readonly parts: readonly ClipPart[];
}

/** 16 kHz PCM16 with where each spoken or sounded part truly starts and ends. */
export interface Clip {
  readonly samples: Int16Array;
  /** One span per `say` or `sound` part, in order, in ms from the clip's first sample. */
  readonly spans: readonly SpanMs[];
  /** First sample of sound in the clip (the true onset) and the last, in ms. */
  readonly onsetMs: number;
  readonly endMs: number;
}

const SAMPLES_PER_MS = 16;

/** Builds clips from parts, each part rendered once per content and kept in `cacheDir`. */
export class ClipMaker {
  readonly #cacheDir: string;
  readonly #pending = new Map<string, Promise<Int16Array>>();

  constructor(cacheDir: string) {
    this.#cacheDir = cacheDir;
  }

  async make(spec: ClipSpec, signal: AbortSignal): Promise<Clip> {
    const pieces: Int16Array[] = [];
    const spans: SpanMs[] = [];
    let atMs = 0;
    for (const part of spec.parts) {
      if ('pauseMs' in part) {
        pieces.push(new Int16Array(Math.round(part.pauseMs * SAMPLES_PER_MS)));
        atMs += part.pauseMs;
        continue;
      }
      const samples = await this.#part(spec.voice, part, signal);
      const span = soundSpanMs(samples);
      if (span === undefined) throw new TestSpeechError(`silent clip part ${JSON.stringify(part)}`);
      spans.push({ startMs: atMs + span.startMs, endMs: atMs + span.endMs });
      pieces.push(samples);
      atMs += samples.length / SAMPLES_PER_MS;
    }
    const first = spans[0];
    const last = spans.at(-1);
    if (first === undefined || last === undefined)
      throw new TestSpeechError('a clip needs something to say or sound');
    return { samples: concatInt16(pieces), spans, onsetMs: first.startMs, endMs: last.endMs };
  }

  #part(
    voice: TestVoice,
    part: { readonly say: string } | { readonly sound: TestSound },
    signal: AbortSignal,
  ): Promise<Int16Array> {
    const key = createHash('sha256')
      .update(JSON.stringify('say' in part ? { voice, say: part.say, v: 1 } : { ...part, v: 1 }))
      .digest('hex')
      .slice(0, 24);
    let pending = this.#pending.get(key);
    if (pending === undefined) {
      pending = this.#render(key, voice, part, signal);
      this.#pending.set(key, pending);
      pending.catch(() => this.#pending.delete(key));
    }
    return pending;
  }

  async #render(
    key: string,
    voice: TestVoice,
    part: { readonly say: string } | { readonly sound: TestSound },
    signal: AbortSignal,
  ): Promise<Int16Array> {
    const file = join(this.#cacheDir, `${key}.wav`);
    const cached = await readFile(file).catch((error: unknown) => {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw new TestSpeechError(`cannot read cached clip ${file}`, { cause: error });
    });
    if (cached !== undefined) return parseWav(new Uint8Array(cached)).samples;
    await mkdir(this.#cacheDir, { recursive: true });
    const raw = join(this.#cacheDir, `${key}.raw.wav`);
    const converted = join(this.#cacheDir, `${key}.${process.pid}.tmp.wav`);
    try {
      if ('say' in part) await renderVoice(voice, part.say, raw, signal);
      else await renderSound(part.sound, raw, signal);
      await toPcm16k(raw, converted, signal);
      await rename(converted, file); // atomic: parallel runs never read half a file
    } finally {
      await rm(raw, { force: true });
      await rm(`${raw}.txt`, { force: true });
      await rm(converted, { force: true });
      for (let i = 0; i < 3; i++) await rm(`${raw}.part${i}.wav`, { force: true });
    }
    const wav = parseWav(new Uint8Array(await readFile(file)));
    if (wav.sampleRate !== 16_000)
      throw new TestSpeechError(`${file} is at ${wav.sampleRate} Hz, not 16000`);
    return wav.samples;
  }
}
