import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  coherenceShare,
  DEFAULT_COHERENCE_SHARE,
  endFirstReply,
  INITIAL_LEVEL_TRUST,
  stepLevelTrust,
} from './coherence-share.ts';

const frame = {
  levelShare: 0.1,
  levelMeasured: true,
  coherence: 0.95 as number | undefined,
  atFloor: false,
  trusted: false,
};

describe('the coherence share', () => {
  it('takes a coherent frame for echo though the untrusted level model says person', () => {
    assert.deepEqual(coherenceShare(frame), { share: 1, byCoherence: true, assumed: false });
  });

  it('takes an incoherent frame for a person though the level model assumed echo', () => {
    const step = coherenceShare({ ...frame, coherence: 0.3, levelShare: 1, levelMeasured: false });
    assert.deepEqual(step, { share: 0, byCoherence: true, assumed: false });
  });

  it('between the two, maps the coherence, capped by a measured level share', () => {
    const middle = (DEFAULT_COHERENCE_SHARE.personBelow + DEFAULT_COHERENCE_SHARE.echoAbove) / 2;
    const assumed = coherenceShare({ ...frame, coherence: middle, levelMeasured: false });
    assert.ok(Math.abs(assumed.share - 0.5) < 1e-9);
    assert.equal(coherenceShare({ ...frame, coherence: middle }).share, 0.1);
  });

  it('assumes echo where it cannot read, and leaves a frame at the floor to the level model', () => {
    const unread = coherenceShare({ ...frame, coherence: undefined });
    assert.deepEqual(unread, { share: 1, byCoherence: false, assumed: true });
    const floor = coherenceShare({ ...frame, atFloor: true });
    assert.deepEqual(floor, { share: 0.1, byCoherence: false, assumed: false });
  });

  it('says nothing once the level model is trusted', () => {
    const step = coherenceShare({ ...frame, trusted: true, coherence: 0.99 });
    assert.deepEqual(step, { share: 0.1, byCoherence: false, assumed: false });
  });
});

describe('the level model’s trust', () => {
  it('comes after enough residual-learning frames with the delay known, and stays', () => {
    let trust = INITIAL_LEVEL_TRUST;
    for (let i = 0; i < DEFAULT_COHERENCE_SHARE.trustAfterFrames - 1; i++)
      trust = stepLevelTrust(trust, {
        delayKnown: true,
        residualLearnt: true,
        echoConfirmed: true,
      });
    assert.equal(trust.trusted, false);
    trust = stepLevelTrust(trust, { delayKnown: true, residualLearnt: false, echoConfirmed: true });
    trust = stepLevelTrust(trust, { delayKnown: false, residualLearnt: true, echoConfirmed: true });
    assert.equal(
      trust.trusted,
      false,
      'frames it did not learn on with the delay known do not count',
    );
    trust = stepLevelTrust(trust, { delayKnown: true, residualLearnt: true, echoConfirmed: true });
    assert.equal(trust.trusted, true);
  });

  it('counts over replies, the delay lost between them', () => {
    let trust = INITIAL_LEVEL_TRUST;
    const frames = DEFAULT_COHERENCE_SHARE.trustAfterFrames - 10;
    for (let i = 0; i < frames; i++)
      trust = stepLevelTrust(trust, {
        delayKnown: true,
        residualLearnt: true,
        echoConfirmed: true,
      });
    trust = stepLevelTrust(trust, {
      delayKnown: false,
      residualLearnt: false,
      echoConfirmed: false,
    });
    assert.equal(trust.learntFrames, frames);
  });

  it('comes when the first reply is over, whatever was learnt', () => {
    assert.equal(endFirstReply(INITIAL_LEVEL_TRUST).trusted, true);
  });
});
