import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigError } from '../../../spec/errors.ts';
import { hysteresisConfig } from './options.ts';

describe('hysteresisConfig', () => {
  it('fills the documented defaults for a 32 ms frame', () => {
    assert.deepEqual(hysteresisConfig({}, 32), {
      threshold: 0.5,
      negThreshold: 0.35,
      minSpeechMs: 96,
      minSilenceMs: 300,
      frameMs: 32,
      offsetThreshold: 0.9,
      onsetLeadMs: 32,
      offsetLagMs: 16,
    });
  });

  it('never puts offsetThreshold below threshold', () => {
    assert.equal(hysteresisConfig({ threshold: 0.95 }, 32).offsetThreshold, 0.95);
  });

  it('rejects a negThreshold above threshold with ConfigError', () => {
    assert.throws(() => hysteresisConfig({ threshold: 0.5, negThreshold: 0.6 }, 32), ConfigError);
  });
});
