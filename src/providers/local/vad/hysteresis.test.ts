import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  flushHysteresis,
  initialHysteresis,
  stepHysteresis,
  type HysteresisConfig,
  type HysteresisEvent,
} from './hysteresis.ts';

const config: HysteresisConfig = {
  threshold: 0.5,
  negThreshold: 0.35,
  minSpeechMs: 64,
  minSilenceMs: 96,
  frameMs: 32,
  offsetThreshold: 0.5,
  onsetLeadMs: 0,
  offsetLagMs: 0,
};

/** Runs one probability per 32 ms frame and returns the events with the final state. */
function run(probabilities: readonly number[], overrides: Partial<HysteresisConfig> = {}) {
  const merged = { ...config, ...overrides };
  let state = initialHysteresis;
  const events: HysteresisEvent[] = [];
  probabilities.forEach((probability, index) => {
    const step = stepHysteresis(state, index * merged.frameMs, probability, merged);
    state = step.state;
    if (step.event) events.push(step.event);
  });
  return { events, state };
}

describe('stepHysteresis', () => {
  it('starts speech at the first frame of a run that lasts minSpeechMs', () => {
    const { events } = run([0.1, 0.1, 0.8, 0.9, 0.7]);
    assert.deepEqual(events, [{ type: 'speech-start', atMs: 64, probability: 0.9 }]);
  });

  it('ignores a speech run shorter than minSpeechMs', () => {
    const { events } = run([0.1, 0.9, 0.1, 0.9, 0.2, 0.1]);
    assert.deepEqual(events, []);
  });

  it('ends speech after the last speech frame once silence lasts minSilenceMs', () => {
    const { events } = run([0.9, 0.9, 0.9, 0.2, 0.1, 0.1, 0.1]);
    assert.deepEqual(events[1], { type: 'speech-end', atMs: 96, probability: 0.1, speechMs: 96 });
  });

  it('places the end after the last frame at or above threshold, not the last above negThreshold', () => {
    const { events } = run([0.9, 0.9, 0.4, 0.4, 0.1, 0.1, 0.1]);
    assert.equal(events[1]?.atMs, 64);
  });

  it('places the end after the last frame at or above offsetThreshold when one reached it', () => {
    const { events } = run([0.95, 0.95, 0.7, 0.6, 0.1, 0.1, 0.1], { offsetThreshold: 0.9 });
    assert.equal(events[1]?.atMs, 64);
  });

  it('falls back to the last frame at or above threshold when none reached offsetThreshold', () => {
    const { events } = run([0.7, 0.7, 0.6, 0.1, 0.1, 0.1], { offsetThreshold: 0.9 });
    assert.equal(events[1]?.atMs, 96);
  });

  it('moves the start earlier by onsetLeadMs and the end earlier by offsetLagMs', () => {
    const { events } = run([0.1, 0.1, 0.9, 0.9, 0.9, 0.1, 0.1, 0.1], {
      onsetLeadMs: 32,
      offsetLagMs: 32,
    });
    assert.deepEqual(
      events.map((event) => event.atMs),
      [32, 128],
    );
  });

  it('keeps speaking through a dip that is shorter than minSilenceMs', () => {
    const { events, state } = run([0.9, 0.9, 0.1, 0.1, 0.9, 0.9]);
    assert.equal(events.length, 1);
    assert.equal(state.speaking, true);
  });

  it('keeps speaking while p stays between negThreshold and threshold', () => {
    const { events, state } = run([0.9, 0.9, 0.4, 0.4, 0.4, 0.4, 0.4]);
    assert.equal(events.length, 1);
    assert.equal(state.speaking, true);
  });

  it('does not start speech on frames between negThreshold and threshold', () => {
    const { events } = run([0.45, 0.45, 0.45, 0.45]);
    assert.deepEqual(events, []);
  });

  it('reports two separate segments with their own durations', () => {
    const { events } = run([0.9, 0.9, 0.1, 0.1, 0.1, 0.9, 0.9, 0.9, 0.1, 0.1, 0.1]);
    assert.deepEqual(
      events.map((event) => [event.type, event.atMs]),
      [
        ['speech-start', 0],
        ['speech-end', 64],
        ['speech-start', 160],
        ['speech-end', 256],
      ],
    );
  });
});

describe('flushHysteresis', () => {
  it('ends an open segment at the end of the audio when it was still speaking', () => {
    const { state } = run([0.9, 0.9, 0.9]);
    assert.deepEqual(flushHysteresis(state, 96, 0.8, config), {
      type: 'speech-end',
      atMs: 96,
      probability: 0.8,
      speechMs: 96,
    });
  });

  it('ends an open segment where its unconfirmed trailing silence began', () => {
    const { state } = run([0.9, 0.9, 0.9, 0.1]);
    assert.equal(flushHysteresis(state, 128, 0.1, config)?.atMs, 96);
  });

  it('reports nothing when no speech is open', () => {
    const { state } = run([0.1, 0.9]);
    assert.equal(flushHysteresis(state, 64, 0.9, config), undefined);
  });
});
