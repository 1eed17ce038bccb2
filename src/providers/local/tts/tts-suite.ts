/** One behaviour suite run against every local TTS engine (see espeak.test.ts, flite.test.ts). */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { describe, it } from 'node:test';
import { promisify } from 'node:util';
import type { TtsModel, TtsPart, TtsStreamOptions } from '../../../spec/tts.ts';

const exec = promisify(execFile);

export async function* chunks(texts: readonly string[]): AsyncGenerator<string> {
  for (const text of texts) yield await Promise.resolve(text);
}

export async function collect(
  tts: TtsModel,
  options: Partial<TtsStreamOptions> & { text: AsyncIterable<string> },
) {
  const parts: TtsPart[] = [];
  const signal = new AbortController().signal;
  for await (const part of tts.stream({ sampleRate: 16_000, signal, ...options })) parts.push(part);
  return parts;
}

export function audioMs(parts: readonly TtsPart[]): number {
  let ms = 0;
  for (const part of parts)
    if (part.type === 'audio') ms += (part.chunk.samples.length * 1000) / part.chunk.sampleRate;
  return ms;
}

/** Child processes of this test process running `command`. */
export async function childPids(command: string): Promise<number[]> {
  const { stdout } = await exec('ps', ['-o', 'pid=,comm=', '--ppid', String(process.pid)]).catch(
    (error: unknown) => {
      // ps exits 1 when there is no child at all.
      if (typeof error === 'object' && error !== null && 'stdout' in error)
        return { stdout: String(error.stdout) };
      throw error;
    },
  );
  return stdout
    .split('\n')
    .map((line) => line.trim().split(/\s+/))
    .filter(([, name]) => name === command)
    .map(([pid]) => Number(pid));
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ESRCH') return false;
    throw error;
  }
}

const FIRST = 'Hello there, how can I help you today?';
const SECOND = 'I can book a table for two at seven tonight.';
const LONG = Array.from(
  { length: 300 },
  (_, index) => `This is sentence number ${index + 1} of a long story.`,
).join(' ');

export function describeTtsEngine(name: string, create: () => TtsModel, command: string): void {
  describe(`${name}: shared TTS behaviour`, () => {
    it('emits audio for the first sentence before the second sentence exists', async () => {
      let releaseSecond: () => void = () => undefined;
      const secondReady = new Promise<void>((resolve) => (releaseSecond = resolve));
      let secondSent = false;
      async function* text() {
        yield FIRST;
        await secondReady;
        secondSent = true;
        yield SECOND;
      }
      const signal = new AbortController().signal;
      let audioBeforeSecond = false;
      for await (const part of create().stream({ text: text(), sampleRate: 16_000, signal })) {
        if (part.type === 'audio' && !secondSent) audioBeforeSecond = true;
        if (part.type === 'segment-end') releaseSecond();
      }
      assert.equal(audioBeforeSecond, true);
    });

    it('produces a plausible duration, audio in parts of at most 100 ms, and a segment-end per chunk', async () => {
      const parts = await collect(create(), { text: chunks([FIRST, '   ', SECOND]) });
      const ms = audioMs(parts);
      assert.ok(ms > 2500 && ms < 8000, `${ms} ms`);
      for (const part of parts)
        if (part.type === 'audio') assert.ok(part.chunk.samples.length <= 1600);
      const ends = parts.filter((part) => part.type === 'segment-end').map((part) => part.text);
      assert.deepEqual(ends, [FIRST, SECOND]);
      assert.equal(parts.at(-1)?.type, 'segment-end');
    });

    it('gives words in order with increasing times inside the audio', async () => {
      const parts = await collect(create(), { text: chunks([FIRST, SECOND]) });
      const words = parts.filter((part) => part.type === 'word');
      assert.deepEqual(
        words.map((word) => word.word),
        `${FIRST} ${SECOND}`.split(' '),
      );
      let previousEndMs = 0;
      for (const word of words) {
        assert.ok(word.startMs >= previousEndMs && word.endMs > word.startMs, JSON.stringify(word));
        previousEndMs = word.endMs;
      }
      assert.ok(previousEndMs <= audioMs(parts));
    });

    it('makes longer audio at speakingRate 0.9 than at 1', async () => {
      const normal = audioMs(await collect(create(), { text: chunks([SECOND]), speakingRate: 1 }));
      const slower = audioMs(
        await collect(create(), { text: chunks([SECOND]), speakingRate: 0.9 }),
      );
      assert.ok(slower > normal * 1.04, `${slower} vs ${normal}`);
    });

    it('resamples to the requested rate without changing the duration', async () => {
      const at8k = await collect(create(), { text: chunks([FIRST]), sampleRate: 8000 });
      const at48k = await collect(create(), { text: chunks([FIRST]), sampleRate: 48_000 });
      for (const part of [...at8k, ...at48k]) {
        if (part.type === 'audio') assert.ok([8000, 48_000].includes(part.chunk.sampleRate));
      }
      assert.ok(at8k.some((part) => part.type === 'audio' && part.chunk.sampleRate === 8000));
      assert.ok(Math.abs(audioMs(at8k) - audioMs(at48k)) < 5);
    });

    it('kills the engine process on abort and yields nothing more', async () => {
      const controller = new AbortController();
      const seen: TtsPart[] = [];
      let afterAbort = 0;
      const consuming = (async () => {
        for await (const part of create().stream({
          text: chunks([LONG]),
          sampleRate: 16_000,
          signal: controller.signal,
        })) {
          seen.push(part);
          if (controller.signal.aborted) afterAbort++;
        }
      })();
      let pids: number[] = [];
      for (let attempt = 0; attempt < 200 && pids.length === 0; attempt++) {
        pids = await childPids(command);
        if (pids.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
      }
      assert.ok(pids.length > 0, `no ${command} child seen`);
      controller.abort();
      await consuming;
      assert.equal(afterAbort, 0);
      assert.ok(!seen.some((part) => part.type === 'segment-end'));
      for (const pid of pids) assert.equal(alive(pid), false, `pid ${pid} still alive`);
    });
  });
}
