import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { InterruptionConfig } from '../spec/turn.ts';
import { type BargeInInput, type BargeInState, IDLE_BARGE_IN, stepBargeIn } from './barge-in.ts';
import { isBackchannel } from '../listen/backchannel.ts';
import { DEFAULT_INTERRUPTION } from './defaults.ts';

function run(inputs: BargeInInput[], config: InterruptionConfig = DEFAULT_INTERRUPTION) {
  let state: BargeInState = IDLE_BARGE_IN;
  const actions: string[] = [];
  for (const input of inputs) {
    const step = stepBargeIn(state, input, config);
    state = step.state;
    if (step.action !== 'none') actions.push(step.action);
  }
  return { state, actions };
}

describe('isBackchannel', () => {
  it('accepts listener noises, alone or strung together', () => {
    assert.equal(isBackchannel('mhm', DEFAULT_INTERRUPTION.backchannels), true);
    assert.equal(isBackchannel('Yeah, okay.', DEFAULT_INTERRUPTION.backchannels), true);
    assert.equal(isBackchannel('uh huh', DEFAULT_INTERRUPTION.backchannels), true);
  });
  it('rejects anything with a real word in it', () => {
    assert.equal(isBackchannel('okay but wait', DEFAULT_INTERRUPTION.backchannels), false);
    assert.equal(isBackchannel('', DEFAULT_INTERRUPTION.backchannels), false);
  });
});

describe('stepBargeIn', () => {
  it('pauses once speech has lasted the minimum, then interrupts on real words', () => {
    const { actions } = run([
      { type: 'speech-start', nowMs: 0 },
      { type: 'tick', nowMs: DEFAULT_INTERRUPTION.minSpeechMs },
      { type: 'transcript', nowMs: 300, text: 'wait stop' },
    ]);
    assert.deepEqual(actions, ['pause', 'interrupt']);
  });

  it('does nothing for speech shorter than the minimum', () => {
    const { actions, state } = run([
      { type: 'speech-start', nowMs: 0 },
      { type: 'speech-end', nowMs: 50 },
    ]);
    assert.deepEqual(actions, []);
    assert.equal(state.phase, 'idle');
  });

  it('resumes after a pause when the words are only a backchannel', () => {
    const { actions } = run([
      { type: 'speech-start', nowMs: 0 },
      { type: 'tick', nowMs: 200 },
      { type: 'speech-end', nowMs: 400 },
      { type: 'transcript', nowMs: 500, text: 'mhm' },
    ]);
    assert.deepEqual(actions, ['pause', 'resume']);
  });

  it('does not even pause when the backchannel is recognised before the minimum speech', () => {
    const { actions } = run([
      { type: 'speech-start', nowMs: 0 },
      { type: 'transcript', nowMs: 80, text: 'okay' },
      { type: 'tick', nowMs: 200 },
      { type: 'speech-end', nowMs: 300 },
    ]);
    assert.deepEqual(actions, []);
  });

  it('resumes a pause when no words arrive within the false-interruption timeout', () => {
    const { actions } = run([
      { type: 'speech-start', nowMs: 0 },
      { type: 'tick', nowMs: 200 },
      { type: 'speech-end', nowMs: 300 },
      { type: 'tick', nowMs: DEFAULT_INTERRUPTION.falseInterruptionTimeoutMs },
    ]);
    assert.deepEqual(actions, ['pause', 'resume']);
  });

  it('with the echo guard on, keeps talking through speech until words arrive', () => {
    const config = { ...DEFAULT_INTERRUPTION, requireWordsToPause: true };
    const { actions } = run(
      [
        { type: 'speech-start', nowMs: 0 },
        { type: 'tick', nowMs: 500 },
        { type: 'transcript', nowMs: 600, text: 'hold on' },
      ],
      config,
    );
    assert.deepEqual(actions, ['interrupt']);
  });

  it('needs the configured number of words before interrupting', () => {
    const config = { ...DEFAULT_INTERRUPTION, minWords: 3 };
    const { actions } = run(
      [
        { type: 'speech-start', nowMs: 0 },
        { type: 'tick', nowMs: 200 },
        { type: 'transcript', nowMs: 300, text: 'no' },
        { type: 'transcript', nowMs: 400, text: 'no that is' },
      ],
      config,
    );
    assert.deepEqual(actions, ['pause', 'interrupt']);
  });

  it('interrupts on audio alone when no words are required', () => {
    const config = { ...DEFAULT_INTERRUPTION, minWords: 0 };
    const { actions } = run(
      [
        { type: 'speech-start', nowMs: 0 },
        { type: 'tick', nowMs: 200 },
      ],
      config,
    );
    assert.deepEqual(actions, ['interrupt']);
  });
});
