import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { VirtualClock } from '../testing/virtual-clock.ts';
import { AudioOutput } from './audio-output.ts';

const SAMPLE_RATE = 1000; // 1 sample per ms keeps the arithmetic readable
const ms = (n: number) => new Int16Array(n);

function output(clock: VirtualClock, sent: { atMs: number; offsetMs: number }[]) {
  return new AudioOutput({
    clock,
    sampleRate: SAMPLE_RATE,
    frameMs: 20,
    leadMs: 60,
    maxBufferedMs: 10_000,
    sendFrame: (_frame, offsetMs) => sent.push({ atMs: clock.now(), offsetMs }),
  });
}

describe('AudioOutput', () => {
  it('paces frames to real time, the lead ahead', async () => {
    const clock = new VirtualClock();
    const sent: { atMs: number; offsetMs: number }[] = [];
    const out = output(clock, sent);
    await out.write(ms(200));
    out.end();
    await clock.advance(1_000);
    assert.equal(await out.finished, 'completed');
    assert.equal(sent.length, 10);
    assert.deepEqual(
      sent.map((f) => f.atMs),
      [0, 0, 0, 0, 20, 40, 60, 80, 100, 120],
    );
  });

  it('after the audio ran dry, sends what comes next at the same pace instead of in a burst', async () => {
    const clock = new VirtualClock();
    const sent: { atMs: number; offsetMs: number }[] = [];
    const out = output(clock, sent);
    await out.write(ms(100));
    await clock.advance(500); // the TTS is 400 ms late with the next sentence
    await out.write(ms(200));
    out.end();
    await clock.advance(1_000);
    const late = sent.filter((f) => f.offsetMs >= 100).map((f) => f.atMs);
    assert.deepEqual(late, [500, 500, 500, 500, 520, 540, 560, 580, 600, 620]);
  });

  it('counts the reply played out only once the client has played what arrived late', async () => {
    const clock = new VirtualClock();
    const sent: { atMs: number; offsetMs: number }[] = [];
    const out = output(clock, sent);
    let finishedAtMs: number | undefined;
    void out.finished.then(() => (finishedAtMs = clock.now()));
    await out.write(ms(100));
    await clock.advance(500);
    await out.write(ms(200));
    out.end();
    await clock.advance(2_000);
    // 100 ms played from 0, a gap, then 200 ms from 500: the client is done at 700, not at 300.
    assert.equal(finishedAtMs, 700);
  });
});
