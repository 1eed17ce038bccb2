/**
 * A bench `parley worker`: the real Silero VAD on every call's audio, and network-like fake
 * STT/LLM/TTS with fixed latencies (in process: no vendor socket is opened).
 */
import { createSession } from '../../src/conversation/index.ts';
import { runWorkerProcess } from '../../src/cluster/run-worker-process.ts';
import { createSileroVad, preloadSileroVad } from '../../src/providers/local/vad/index.ts';
import { systemClock } from '../../src/stream/system-clock.ts';
import { createFakeLlm, createFakeTts } from '../../src/testing/index.ts';
import { BENCH_AGENT } from './fake-session.ts';
import { createOnsetStt } from './onset-stt.ts';

await preloadSileroVad();
await runWorkerProcess({
  agents: [BENCH_AGENT],
  dataDir: process.env['PARLEY_DATA_DIR'] ?? '/tmp',
  createSession: (options) => createSession({ ...options, greet: false, outputSampleRate: 16_000 }),
  makeModels: () => ({
    vad: createSileroVad(),
    stt: createOnsetStt({ text: 'where is my order', interimDelayMs: 200, finalAfterQuietMs: 300 }),
    llm: createFakeLlm({
      clock: systemClock,
      responses: { firstTokenDelayMs: 200, tokenIntervalMs: 20, text: 'It ships on Friday.' },
    }),
    tts: createFakeTts({ clock: systemClock, firstAudioDelayMs: 50, msPerWord: 200 }),
  }),
});
