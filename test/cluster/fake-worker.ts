/**
 * A real `parley worker` process (Redis, PostgreSQL, dispatch, drain) whose models are the
 * cheap fakes from src/testing: the engines are not what the cluster tests test. Replies
 * are paced in real time; "long" in the user's text asks for a reply of about 2 s.
 */
import { createSession } from '../../src/conversation/index.ts';
import { runWorkerProcess } from '../../src/cluster/run-worker-process.ts';
import { systemClock } from '../../src/stream/system-clock.ts';
import {
  TEST_AGENT,
  createFakeLlm,
  createFakeStt,
  createFakeTts,
  createFakeVad,
} from '../../src/testing/index.ts';

/** The agent phone calls reach: it greets, so a stream hears it at once (its STT hears nothing). */
const PHONE_AGENT = {
  ...TEST_AGENT,
  id: 'phone',
  greeting: 'Hello, you are through to the test line.',
};

const SHORT = 'Sure, here is your answer.';
const LONG = 'Of course. '.concat(
  'This reply goes on for a while so that it is still playing. '.repeat(3),
);

await runWorkerProcess({
  agents: [TEST_AGENT, PHONE_AGENT],
  dataDir: process.env['PARLEY_DATA_DIR'] ?? '/tmp',
  createSession,
  makeModels: () => ({
    vad: createFakeVad({ clock: systemClock, script: [] }),
    stt: createFakeStt({ clock: systemClock, script: [] }),
    llm: createFakeLlm({
      clock: systemClock,
      responses: (call) => {
        const last = call.messages.findLast((m) => m.role === 'user');
        const text =
          typeof last?.content === 'string' && last.content.includes('long') ? LONG : SHORT;
        return { firstTokenDelayMs: 20, text };
      },
    }),
    tts: createFakeTts({ clock: systemClock, msPerWord: 60, wordTimings: false }),
  }),
});
