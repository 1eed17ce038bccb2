import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { SttCapabilities } from '../spec/stt.ts';
import { createFakeLlm } from '../testing/fake-llm.ts';
import { createFakeStt } from '../testing/fake-stt.ts';
import { createFakeTts } from '../testing/fake-tts.ts';
import { createFakeVad } from '../testing/fake-vad.ts';
import { TEST_AGENT } from '../testing/session-harness.ts';
import { VirtualClock } from '../testing/virtual-clock.ts';
import type { InterruptionConfig } from '../spec/turn.ts';
import { resolveConfig } from './config.ts';
import { DEFAULT_INTERRUPTION } from './defaults.ts';

/** The interruption policy a session runs, for an STT declaring `capabilities` and an agent's knobs. */
function interruptionFor(
  capabilities: Partial<SttCapabilities>,
  agent: Partial<InterruptionConfig> = {},
): InterruptionConfig {
  const clock = new VirtualClock();
  const stt = createFakeStt({ clock, script: [] });
  const models = {
    stt: { ...stt, capabilities: { ...stt.capabilities, ...capabilities } },
    llm: createFakeLlm({ clock, responses: [] }),
    tts: createFakeTts({ clock }),
    vad: createFakeVad({ clock, script: [] }),
  };
  const config = resolveConfig({ agent: { ...TEST_AGENT, interruption: agent }, models });
  return config.policy.interruption;
}

describe("resolveConfig: the barge-in policy reads the STT's interim period", () => {
  it('settles an interrupting word after one re-check and its answer when the STT says how often it looks', () => {
    assert.equal(interruptionFor({ interimEveryMs: 80 }).interimSettledMs, 120);
  });

  it('keeps the default wait for an STT that does not say', () => {
    const settledMs = interruptionFor({}).interimSettledMs;
    assert.equal(settledMs, DEFAULT_INTERRUPTION.interimSettledMs);
  });

  it("lets the agent's own setting win over the STT's period", () => {
    assert.equal(
      interruptionFor({ interimEveryMs: 80 }, { interimSettledMs: 300 }).interimSettledMs,
      300,
    );
  });
});
