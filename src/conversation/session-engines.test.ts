import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { SttModel, SttPart } from '../spec/stt.ts';
import { scriptedSession } from '../testing/session-harness.ts';

/** The fake STT as a vendor with its own turn detector: every final carries `endOfTurn`. */
function withVendorEndOfTurn(declared: boolean) {
  return (stt: SttModel): SttModel => ({
    ...stt,
    capabilities: { ...stt.capabilities, endOfTurn: declared },
    async *stream(options) {
      for await (const part of stt.stream(options)) {
        yield part.type === 'final'
          ? ({ ...part, endOfTurn: { confidence: 0.9 } } satisfies SttPart)
          : part;
      }
    },
  });
}

const user = [{ startMs: 0, endMs: 1000, transcript: 'two coffees please' }];

describe("session: the vendor's end of turn", () => {
  it('ends the turn when the final carrying it arrives, without the silence wait', async () => {
    const t = scriptedSession({ user, llm: { text: 'Sure.' }, sttAs: withVendorEndOfTurn(true) });
    await t.clock.advanceUntil(() => t.first('turn.start') !== undefined);
    assert.equal(t.first('turn.start')!.atMs, 1000);
    await t.session.close();
  });

  it('ignores hints from an STT that does not declare them', async () => {
    const t = scriptedSession({ user, llm: { text: 'Sure.' }, sttAs: withVendorEndOfTurn(false) });
    await t.clock.advanceUntil(() => t.first('turn.start') !== undefined);
    assert.equal(t.first('turn.start')!.atMs, 1700, 'the default silence after "please"');
    await t.session.close();
  });
});
