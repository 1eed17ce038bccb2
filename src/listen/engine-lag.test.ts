import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { INPUT_SAMPLE_RATE } from '../spec/audio.ts';
import { AudioInput } from './audio-input.ts';
import { LagMeter, type LagReport, shouldReportLag } from './engine-lag.ts';

const chunk20ms = () => ({
  samples: new Int16Array(INPUT_SAMPLE_RATE / 50),
  sampleRate: INPUT_SAMPLE_RATE,
});

describe('engine lag', () => {
  it('is reported when it moves by a step or falls to zero, not on every chunk', () => {
    assert.equal(shouldReportLag(20, 0), false);
    assert.equal(shouldReportLag(60, 0), true);
    assert.equal(shouldReportLag(30, 60), false);
    assert.equal(shouldReportLag(0, 30), true);
    assert.equal(shouldReportLag(0, 0), false);
  });

  it('is the audio given to an engine that it has not processed yet', () => {
    const reports: LagReport[] = [];
    const meter = new LagMeter();
    meter.listen((lag) => reports.push(lag));
    for (let i = 0; i < 5; i++) meter.given('vad', 20);
    meter.processed('vad', 40);
    meter.processed('vad', 60);
    assert.deepEqual(reports, [
      { vadMs: 60, sttMs: 0 },
      { vadMs: 0, sttMs: 0 },
    ]);
  });

  it('counts a chunk as processed once the engine asks for the next one', async () => {
    const input = new AudioInput(false);
    const reports: LagReport[] = [];
    input.lag.listen((lag) => reports.push(lag));
    for (let i = 0; i < 10; i++) input.push(chunk20ms());
    assert.equal(input.lag.lagMs('vad'), 200, 'nothing read yet');
    const feed = input.vadFeed()[Symbol.asyncIterator]();
    await feed.next();
    assert.equal(input.lag.lagMs('vad'), 200, 'the chunk in hand is not processed yet');
    await feed.next();
    await feed.next();
    assert.equal(input.lag.lagMs('vad'), 160);
    assert.equal(input.lag.lagMs('stt'), 200, 'the STT is counted on its own');
    input.close();
    for (let r = await feed.next(); r.done !== true; r = await feed.next());
    assert.equal(input.lag.lagMs('vad'), 0, 'drained');
    assert.deepEqual(reports.at(-1), { vadMs: 0, sttMs: 200 });
  });

  it('does not count audio the push-to-talk gate kept out', () => {
    const input = new AudioInput(true);
    input.push(chunk20ms());
    assert.equal(input.lag.lagMs('vad'), 0);
    assert.equal(input.lag.lagMs('stt'), 0);
  });
});
