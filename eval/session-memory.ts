/**
 * Native memory per live offline recogniser session: opens N pocketsphinx
 * streams with the support agent's vocabulary (grammar + shared open-vocabulary
 * model, as a session does), feeds each a spoken request so its decoders have
 * searched real speech, and reports the resident-memory growth per stream.
 * `node --import tsx eval/session-memory.ts [N] [--lm-words=20000]`
 */
import { SUPPORT_VOCABULARY } from '../src/agents/support/vocabulary.ts';
import { createPocketsphinxStt } from '../src/providers/local/stt/index.ts';
import { synthesize } from '../src/providers/local/stt/test-speech.ts';
import type { SttInput } from '../src/spec/stt.ts';

const sessions = Number(process.argv.find((arg) => /^\d+$/.test(arg)) ?? 4);
const lmWordsArgument = process.argv.find((arg) => arg.startsWith('--lm-words='));
const lmWords = lmWordsArgument ? Number(lmWordsArgument.slice('--lm-words='.length)) : undefined;
const rssMb = () => process.memoryUsage().rss / 1e6;
const speech = await synthesize('where is my order four five seven one');

function liveStream(release: Promise<void>, opened: () => void) {
  const stt = createPocketsphinxStt(lmWords === undefined ? {} : { lmWords });
  async function* audio(): AsyncGenerator<SttInput> {
    yield { type: 'audio', chunk: { samples: speech, sampleRate: 16_000 } };
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
