import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createFarEndInput } from './far-end-input.ts';
import { createFarEndTimeline } from './far-end-timeline.ts';
import { LEAST_FEED_SAMPLES } from './speex-tuning.ts';

const AGENT_RATE = 24_000;
const chunk = (samples: Int16Array) => ({ samples, sampleRate: AGENT_RATE });
/** 20 ms at 24 kHz whose first sample is a click. */
const click = () => {
  const samples = new Int16Array(480);
  samples[0] = 20_000;
  return samples;
};

function loudestAt(timeline: ReturnType<typeof createFarEndTimeline>, from: number, to: number) {
  const out = new Int16Array(to - from);
  timeline.read(from, out);
  let best = 0;
  for (let i = 1; i < out.length; i++) if (Math.abs(out[i]!) > Math.abs(out[best]!)) best = i;
  return from + best;
}

describe('far-end input', () => {
  it('starts audio sent after the playback ran dry where the client resumes, not 1 ms late', () => {
    const timeline = createFarEndTimeline(10_000);
    const input = createFarEndInput(timeline, 16_000);
    assert.deepEqual(input.push(chunk(new Int16Array(480).fill(1_000)), 0), {
      newReply: true,
      resumed: false,
    });
    assert.ok(timeline.end < 320, 'the resampler holds the last samples back');
    assert.deepEqual(input.push(chunk(click()), 1_000), { newReply: false, resumed: true });
    assert.equal(loudestAt(timeline, 900, 1_200), 1_000);
  });

  it('says how many samples sent it still holds: with those, all that was sent', () => {
    const timeline = createFarEndTimeline(10_000);
    const input = createFarEndInput(timeline, 16_000);
    input.push(chunk(new Int16Array(480).fill(1_000)), 0);
    assert.ok(input.heldSamples > 0);
    assert.equal(timeline.end + input.heldSamples, 320);
    input.clear();
    assert.equal(input.heldSamples, 0);
  });

  it('lays the held samples right after the audio before the gap', () => {
    const timeline = createFarEndTimeline(10_000);
    const input = createFarEndInput(timeline, 16_000);
    input.push(chunk(new Int16Array(480).fill(1_000)), 0);
    input.push(chunk(click()), 1_000);
    const before = new Int16Array(330);
    timeline.read(0, before);
    assert.ok(before.subarray(300, 315).every((sample) => Math.abs(sample - 1_000) < 50));
    assert.ok(before.subarray(325).every((sample) => sample === 0));
  });

  it('follows what was sent when the timeline end is only short by the held samples', () => {
    const timeline = createFarEndTimeline(10_000);
    const input = createFarEndInput(timeline, 16_000);
    input.push(chunk(new Int16Array(480)), 0);
    // The client has played 310 of the 320 samples sent: not dry, so no gap.
    assert.deepEqual(input.push(chunk(click()), 310), { newReply: false, resumed: false });
    assert.equal(loudestAt(timeline, 250, 600), 320);
  });

  it('follows what was sent while the client still plays it, however far the near end runs ahead', () => {
    const timeline = createFarEndTimeline(10_000);
    const input = createFarEndInput(timeline, 16_000);
    input.push(chunk(new Int16Array(480)), 0);
    // The client plays each sample 640 samples (40 ms) after it was laid: at 900 it has
    // played up to 260 of the 320 sent, so not dry, and the click follows at 320.
    assert.deepEqual(input.push(chunk(click()), 900, 640), { newReply: false, resumed: false });
    assert.equal(loudestAt(timeline, 250, 1_200), 320);
    // Played all of it (at 1 700, up to 1 060 of 640 sent): dry, resumed where the near end is.
    assert.deepEqual(input.push(chunk(click()), 1_700, 640), { newReply: false, resumed: true });
    assert.equal(loudestAt(timeline, 1_600, 2_000), 1_700);
  });

  it('starts a new reply with the first audio after the far end was cleared', () => {
    const timeline = createFarEndTimeline(10_000, 4_800);
    const input = createFarEndInput(timeline, 16_000);
    input.push(chunk(new Int16Array(480).fill(1_000)), 0);
    timeline.truncate(320);
    input.clear();
    assert.deepEqual(input.push(chunk(click()), 400), { newReply: true, resumed: false });
    assert.equal(loudestAt(timeline, 300, 700), 400);
  });

  it('never holds more than the least feed delay of the canceller, for agent rates down to the microphone', () => {
    for (const micRate of [8_000, 16_000])
      for (const agentRate of [16_000, 22_050, 24_000, 44_100, 48_000]) {
        const input = createFarEndInput(createFarEndTimeline(100_000), micRate);
        let most = 0;
        // 20 ms frames, then odd lengths (a TTS's last frame).
        for (const length of [...Array<number>(20).fill(agentRate / 50), 37, 1, 441])
          for (let k = 0; k < 3; k++) {
            input.push({ samples: new Int16Array(Math.round(length)), sampleRate: agentRate }, 0);
            most = Math.max(most, input.heldSamples);
          }
        const held = `${agentRate} -> ${micRate} Hz holds ${most}`;
        assert.ok(most <= LEAST_FEED_SAMPLES, held);
        if (agentRate !== micRate) assert.ok(most > LEAST_FEED_SAMPLES / 2, held);
      }
  });
});
