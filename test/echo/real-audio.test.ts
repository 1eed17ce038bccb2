/**
 * The canceller on real speech: the agent's voice (espeak-ng, flite) as the microphone hears
 * it — attenuated, late, with sox room reverb and pink noise — and a different voice talking
 * over it. Floors were set from measured figures with a margin (see the report in bench/).
 */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { createSpeexEchoCanceller } from '../../src/audio/echo/speex-canceller.ts';
import { AGENT_RATE, echoOf, MIC_RATE, mixIn, speech, type Voice } from './echo-audio.ts';
import { erleDb, runThrough } from './run-echo.ts';
import { shareByTalker } from './share-by-talker.ts';

const AGENT_TEXT =
  'Thanks for calling. I can see your order from last Tuesday. It shipped yesterday and should arrive on Friday. Is there anything else I can help you with today?';
const USER_TEXT = 'No wait, stop, I want to cancel the order please.';
const USER_AT_MS = 5_000;
const CONVERGED_MS = 2_000;
const ERLE_FLOOR_DB = 10;

const conditions = [
  { gainDb: -3, delayMs: 20 },
  { gainDb: -9, delayMs: 60 },
  { gainDb: -20, delayMs: 300 },
] as const;

for (const voice of ['espeak', 'flite'] as const satisfies readonly Voice[]) {
  describe(`echo cancellation of ${voice} speech`, () => {
    let agent: Int16Array = new Int16Array(0);
    let user: Int16Array = new Int16Array(0);
    before(async () => {
      agent = await speech(AGENT_TEXT, voice, AGENT_RATE);
      user = await speech(USER_TEXT, voice === 'espeak' ? 'flite' : 'espeak', MIC_RATE);
    });

    for (const { gainDb, delayMs } of conditions) {
      describe(`echo at ${gainDb} dB, ${delayMs} ms late, with reverb and noise`, () => {
        let echo: Int16Array = new Int16Array(0);
        before(async () => {
          echo = await echoOf(agent, { gainDb, delayMs, reverb: 50, noiseDbfs: -60 });
        });

        it(`removes at least ${ERLE_FLOOR_DB} dB of echo once converged, and finds the delay`, (t) => {
          const canceller = createSpeexEchoCanceller({ sampleRate: MIC_RATE });
          try {
            const { cleaned } = runThrough(canceller, agent, echo);
            const erle = erleDb(echo, cleaned, CONVERGED_MS);
            t.diagnostic(
              `ERLE ${erle.toFixed(1)} dB, tracked delay ${canceller.trackedDelayMs} ms`,
            );
            assert.ok(erle >= ERLE_FLOOR_DB, `ERLE ${erle.toFixed(1)} dB`);
            assert.ok(
              Math.abs((canceller.trackedDelayMs ?? -1000) - delayMs) <= 10,
              `tracked ${canceller.trackedDelayMs} ms`,
            );
          } finally {
            canceller.close();
          }
        });

        it('says echo-only audio is mostly echo and a voice over it mostly not', (t) => {
          const mic = mixIn(echo, user, USER_AT_MS, -9);
          const userOnly = mixIn(new Int16Array(echo.length), user, USER_AT_MS, -9);
          const canceller = createSpeexEchoCanceller({ sampleRate: MIC_RATE });
          try {
            const { shares } = runThrough(canceller, agent, mic);
            const byTalker = shareByTalker(shares, echo, userOnly, 1_500);
            t.diagnostic(`mean echo share: ${JSON.stringify(byTalker)}`);
            assert.ok(byTalker.echoMean >= 0.6, `echo-only mean share ${byTalker.echoMean}`);
            assert.ok(byTalker.userMean <= 0.35, `double-talk mean share ${byTalker.userMean}`);
          } finally {
            canceller.close();
          }
        });
      });
    }
  });
}

describe('echo path delay that drifts', () => {
  it('follows the delay when it moves from 80 to 200 ms mid-conversation', async () => {
    const first = await speech(AGENT_TEXT, 'espeak', AGENT_RATE);
    const second = await speech(AGENT_TEXT, 'flite', AGENT_RATE);
    const firstEcho = await echoOf(first, { gainDb: -9, delayMs: 80, reverb: 50 });
    const secondEcho = await echoOf(second, { gainDb: -9, delayMs: 200, reverb: 50 });
    const startOfSecond = Math.round((first.length * MIC_RATE) / AGENT_RATE);
    const mic = mixIn(
      mixIn(new Int16Array(startOfSecond + secondEcho.length), firstEcho, 0),
      secondEcho,
      (startOfSecond / MIC_RATE) * 1000,
    );
    const canceller = createSpeexEchoCanceller({ sampleRate: MIC_RATE });
    try {
      const midway = runThrough(canceller, first, mic.subarray(0, startOfSecond));
      assert.ok(midway.cleaned.length > 0);
      assert.ok(
        Math.abs((canceller.trackedDelayMs ?? -1) - 80) <= 10,
        `${canceller.trackedDelayMs}`,
      );
      runThrough(canceller, second, mic.subarray(startOfSecond));
      assert.ok(
        Math.abs((canceller.trackedDelayMs ?? -1) - 200) <= 10,
        `${canceller.trackedDelayMs}`,
      );
    } finally {
      canceller.close();
    }
  });
});
