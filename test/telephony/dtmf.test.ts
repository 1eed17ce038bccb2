import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { VirtualClock } from '../../src/testing/index.ts';
import { DtmfCollector } from '../../src/transport/telephony/dtmf-collector.ts';
import {
  DEFAULT_DTMF_RULE,
  EMPTY_DTMF,
  entryText,
  stepDtmf,
} from '../../src/transport/telephony/dtmf.ts';

const rule = { terminator: '#', maxDigits: 4, interDigitTimeoutMs: 2_000 };

describe('keypad entries', () => {
  it('ends an entry at the terminator, without the terminator', () => {
    let state = EMPTY_DTMF;
    for (const key of '12') state = stepDtmf(rule, state, { type: 'key', key, atMs: 0 }).state;
    const step = stepDtmf(rule, state, { type: 'key', key: '#', atMs: 10 });
    assert.equal(step.entry, '12');
    assert.deepEqual(step.state, EMPTY_DTMF);
  });

  it('ends an entry when it reaches the maximum length', () => {
    let state = EMPTY_DTMF;
    let entry: string | undefined;
    for (const key of '98765') {
      const step = stepDtmf(rule, state, { type: 'key', key, atMs: 0 });
      state = step.state;
      entry ??= step.entry;
    }
    assert.equal(entry, '9876');
    assert.equal(state.digits, '5');
  });

  it('ignores keys that are not on a keypad and a terminator with nothing pending', () => {
    assert.equal(stepDtmf(rule, EMPTY_DTMF, { type: 'key', key: 'x', atMs: 0 }).state, EMPTY_DTMF);
    assert.equal(stepDtmf(rule, EMPTY_DTMF, { type: 'key', key: '12', atMs: 0 }).state, EMPTY_DTMF);
    assert.equal(stepDtmf(rule, EMPTY_DTMF, { type: 'key', key: '#', atMs: 0 }).entry, undefined);
  });

  it('ends an entry after a pause on the virtual clock, and not before', async () => {
    const clock = new VirtualClock();
    const entries: string[] = [];
    const collector = new DtmfCollector(rule, clock, (entry) => entries.push(entry));
    collector.press('5');
    await clock.advance(1_500);
    collector.press('1');
    await clock.advance(1_999);
    assert.deepEqual(entries, []);
    await clock.advance(1);
    assert.deepEqual(entries, ['51']);
    collector.press('3');
    collector.close();
    await clock.advance(5_000);
    assert.deepEqual(entries, ['51'], 'nothing is handed on after close');
    assert.equal(DEFAULT_DTMF_RULE.terminator, '#');
  });

  it("says an entry in the agent's words when its rule has an entry text", () => {
    assert.equal(entryText(DEFAULT_DTMF_RULE, '4571'), '4571');
    assert.equal(
      entryText({ ...rule, entryText: 'My order number is {digits}.' }, '4571'),
      'My order number is 4571.',
    );
  });
});
