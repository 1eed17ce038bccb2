import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  DEFAULT_GATE,
  frameLevelDb,
  initialGateState,
  stepGate,
  type GateEvent,
} from './speech-gate.ts';

function run(levelsDb: readonly number[]): { frame: number; event: GateEvent }[] {
  let state = initialGateState;
  const events: { frame: number; event: GateEvent }[] = [];
  levelsDb.forEach((levelDb, frame) => {
    const step = stepGate(state, levelDb);
    state = step.state;
    if (step.event) events.push({ frame, event: step.event });
  });
  return events;
}

const repeat = (levelDb: number, frames: number): number[] => Array<number>(frames).fill(levelDb);

describe('stepGate', () => {
  it('opens after three loud frames and closes after the hangover', () => {
    const events = run([...repeat(-60, 50), ...repeat(-20, 40), ...repeat(-60, 40)]);
    assert.deepEqual(events, [
      { frame: 52, event: 'speech-start' },
      {
        frame: 90 + DEFAULT_GATE.smoothingFrames - 1 + DEFAULT_GATE.hangoverMs / 10 - 1,
        event: 'speech-end',
      },
    ]);
  });

  it('ignores a click shorter than the start run', () => {
    assert.deepEqual(run([...repeat(-60, 50), -10, -10, ...repeat(-60, 50)]), []);
  });

  it('keeps one utterance across a pause shorter than the hangover', () => {
    const levels = [...repeat(-60, 30), ...repeat(-20, 30), ...repeat(-60, 10)];
    const events = run([...levels, ...repeat(-20, 30), ...repeat(-60, 40)]);
    assert.deepEqual(
      events.map((e) => e.event),
      ['speech-start', 'speech-end'],
    );
  });

  it('closes in noise that flickers 9 dB above its quietest frames', () => {
    const flicker = [-53, -49, -51, -44, -50, -52, -47, -51, -49, -53];
    const noise = (frames: number) =>
      Array.from({ length: frames }, (_, i) => flicker[i % 10] ?? -50);
    const events = run([...noise(100), ...repeat(-25, 50), ...noise(60)]);
    assert.deepEqual(
      events.map((e) => e.event),
      ['speech-start', 'speech-end'],
    );
  });

  it('follows a steady noise floor so noise alone is not speech', () => {
    const noise = Array.from({ length: 300 }, (_, i) => -38 + (i % 5) - 2);
    assert.deepEqual(run(noise), []);
  });

  it('keeps the noise floor through digital silence (the echo stage while the agent speaks)', () => {
    const noise = (frames: number) => Array.from({ length: frames }, (_, i) => -40 + (i % 3));
    // Noise, the greeting as digital silence, noise again: none of it is speech…
    assert.deepEqual(run([...noise(200), ...repeat(-100, 250), ...noise(200)]), []);
    // …and speech after it still is.
    const events = run([...noise(200), ...repeat(-100, 250), ...noise(50), ...repeat(-20, 40)]);
    assert.deepEqual(
      events.map((e) => e.event),
      ['speech-start'],
    );
  });

  it('hears speech right after digital silence at the start of a stream', () => {
    const events = run([...repeat(-100, 30), ...repeat(-25, 40), ...repeat(-100, 40)]);
    assert.deepEqual(events[0], { frame: 32, event: 'speech-start' });
    assert.equal(events[1]?.event, 'speech-end');
  });

  it('ends an utterance in steady noise louder than -40 dBFS', () => {
    // Pink noise 15 dB under a voice at -18 dBFS sits near -33 dBFS. Clamped at -40, the floor
    // put the end threshold (+6 dB) under the noise itself: every noisy request ran on to the
    // end of its clip, and the decoders heard the noise after it as words ("thigh").
    const flicker = [-35, -33, -31, -34, -32];
    const noise = (frames: number) =>
      Array.from({ length: frames }, (_, i) => flicker[i % flicker.length] ?? -33);
    const events = run([...noise(200), ...repeat(-15, 80), ...noise(100)]);
    assert.deepEqual(events, [
      { frame: 202, event: 'speech-start' },
      {
        frame: 280 + DEFAULT_GATE.smoothingFrames - 1 + DEFAULT_GATE.hangoverMs / 10 - 1,
        event: 'speech-end',
      },
    ]);
  });

  it('hears speech 20 dB above a steady noise floor', () => {
    const events = run([...repeat(-45, 100), ...repeat(-25, 50), ...repeat(-45, 50)]);
    assert.deepEqual(
      events.map((e) => e.event),
      ['speech-start', 'speech-end'],
    );
  });
});

describe('frameLevelDb', () => {
  it('learns the floor of a stream that opens on noise before hearing speech', () => {
    const events = run([...repeat(-40, 30), ...repeat(-15, 40), ...repeat(-40, 60)]);
    assert.equal(events[0]?.event, 'speech-start');
    assert.ok((events[0]?.frame ?? 0) >= 30, JSON.stringify(events));
    assert.equal(events.filter((e) => e.event === 'speech-start').length, 1);
  });

  it('is -100 for digital silence and about -6 for a half-scale square wave', () => {
    assert.equal(frameLevelDb(new Int16Array(160)), -100);
    const square = Int16Array.from({ length: 160 }, (_, i) => (i % 2 ? 16384 : -16384));
    assert.ok(Math.abs(frameLevelDb(square) + 6.02) < 0.01);
  });
});
