/**
 * Native memory per live offline recogniser session: opens N pocketsphinx
 * streams with the support agent's vocabulary (grammar + shared open-vocabulary
 * model, as a session does), feeds each a second of audio so its decoders are
 * live, and reports the resident-memory growth per stream.
 * `node --import tsx eval/session-memory.ts [N]`
 */
import { SUPPORT_VOCABULARY } from '../src/agents/support/vocabulary.ts';
import { createPocketsphinxStt } from '../src/providers/local/stt/index.ts';
import type { SttInput } from '../src/spec/stt.ts';

const sessions = Number(process.argv[2] ?? 4);
const rssMb = () => process.memoryUsage().rss / 1e6;

function liveStream(release: Promise<void>, opened: () => void) {
  const stt = createPocketsphinxStt();
  async function* audio(): AsyncGenerator<SttInput> {
    yield { type: 'audio', chunk: { samples: new Int16Array(16_000), sampleRate: 16_000 } };
    opened();
    await release;
  }
  return (async () => {
    for await (const part of stt.stream({
      audio: audio(),
      sampleRate: 16_000,
      vocabulary: SUPPORT_VOCABULARY,
      signal: new AbortController().signal,
    })) {
      if (part.type === 'error') console.warn(part.error.message);
    }
  })();
}

let releaseAll: () => void = () => {};
const release = new Promise<void>((resolve) => (releaseAll = resolve));
const first = await new Promise<number>((resolve) => {
  const before = rssMb();
  void liveStream(release, () => resolve(rssMb() - before));
});
const base = rssMb();
const running: Promise<void>[] = [];
for (let i = 1; i < sessions; i++) {
  await new Promise<void>((resolve) => running.push(liveStream(release, resolve)));
}
const perSession = (rssMb() - base) / Math.max(1, sessions - 1);
console.log(
  `first session +${first.toFixed(0)} MB (incl. the shared language model), each further session +${perSession.toFixed(0)} MB`,
);
releaseAll();
await Promise.all(running);
