import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { collectText } from './child.ts';
import { WarmEngine } from './warm-engine.ts';
import { createEspeakTts } from './espeak.ts';
import { Channel } from '../../../stream/channel.ts';
import type { TtsModel } from '../../../spec/tts.ts';

const alive = (pid: number | undefined): boolean => {
  if (pid === undefined) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error: unknown) {
    if ((error as NodeJS.ErrnoException).code === 'ESRCH') return false;
    throw error;
  }
};

/** Waits (up to 5 s) for a condition the child processes reach on their own. */
async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 500 && !condition(); i++) await new Promise((r) => setTimeout(r, 10));
  assert.ok(condition(), 'the condition was not reached within 5 s');
}

const run = (warm: WarmEngine, command: string, input: string) => {
  const engine = warm.run(command, [], input, new AbortController().signal);
  return { pid: engine.pid, text: collectText(engine.stdout, engine.finished) };
};

describe('warm engine process', () => {
  it('runs the next chunk of the same command on the process it started ahead', async () => {
    const warm = new WarmEngine('test');
    const first = run(warm, 'cat', 'hello');
    assert.equal(await first.text, 'hello');
    await until(() => warm.sparePid !== undefined);
    const spare = warm.sparePid;
    assert.ok(alive(spare), 'the spare waits on stdin');
    const second = run(warm, 'cat', 'again');
    assert.equal(second.pid, spare);
    assert.equal(await second.text, 'again');
    warm.close();
  });

  it('runs another command cold and kills the spare it cannot use', async () => {
    const warm = new WarmEngine('test');
    assert.equal(await run(warm, 'cat', 'one').text, 'one');
    await until(() => warm.sparePid !== undefined);
    const spare = warm.sparePid;
    const other = warm.run('tr', ['a-z', 'A-Z'], 'two', new AbortController().signal);
    assert.notEqual(other.pid, spare);
    assert.equal(await collectText(other.stdout, other.finished), 'TWO');
    await until(() => !alive(spare));
    warm.close();
  });

  it('kills its spare on close and starts none after', async () => {
    const warm = new WarmEngine('test');
    assert.equal(await run(warm, 'cat', 'x').text, 'x');
    await until(() => warm.sparePid !== undefined);
    const spare = warm.sparePid;
    warm.close();
    assert.equal(warm.sparePid, undefined);
    await until(() => !alive(spare));
  });

  it('kills the warm process a chunk runs on when the chunk is aborted', async () => {
    const warm = new WarmEngine('test');
    const controller = new AbortController();
    // `sleep` never reads its input: only the abort ends it.
    const engine = warm.run('sleep', ['30'], '', controller.signal);
    controller.abort();
    await engine.finished;
    assert.equal(alive(engine.pid), false);
    warm.close();
  });
});

describe('espeak-ng in a conversation (openSession)', () => {
  const speak = async (tts: TtsModel, text: string): Promise<number> => {
    const input = new Channel<string>(4);
    input.tryPush(text);
    input.close();
    let samples = 0;
    const signal = new AbortController().signal;
    for await (const part of tts.stream({ text: input, sampleRate: 16_000, signal })) {
      if (part.type === 'audio') samples += part.chunk.samples.length;
    }
    return samples;
  };

  it('says the same audio on its warm process as a cold one', async () => {
    const model = createEspeakTts({ voice: 'en-us' });
    const session = model.openSession!();
    const cold = await speak(model, 'Order four five, noted.');
    const first = await speak(session, 'Order four five, noted.');
    const warmed = await speak(session, 'Order four five, noted.');
    assert.ok(cold > 8_000, `${cold} samples`);
    assert.equal(first, cold);
    assert.equal(warmed, cold);
    await session.close();
  });
});
