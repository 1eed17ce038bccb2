/**
 * Prints, for each offline embedder, the similarity distributions of the
 * labelled pairs, the cache threshold they call for, and precision/recall:
 * `node --import tsx src/cache/calibration/run.ts` (add `--pairs` to list every pair).
 */
import { createLocalEmbedder } from '../../providers/local/embedder/embedder.ts';
import {
  createUseLiteEmbedder,
  useLiteAvailable,
} from '../../providers/local/embedder/use-lite/embedder.ts';
import type { Embedder } from '../../spec/retrieval.ts';
import { SENTENCE_EMBEDDER_CACHE_THRESHOLD } from '../thresholds.ts';
import { chooseThreshold, precisionRecallAt, scorePairs } from './calibrate.ts';
import { CALIBRATION_PAIRS } from './pairs.ts';
import { paraphrasePairs } from './paraphrase-groups.ts';

const signal = new AbortController().signal;
const pairs = [...CALIBRATION_PAIRS, ...paraphrasePairs()].filter(
  (pair) => !/[¿áéíóúñ]/.test(pair.a + pair.b),
);
const embedders: Embedder[] = [
  createLocalEmbedder(),
  ...(useLiteAvailable() ? [createUseLiteEmbedder()] : []),
];
const percent = (x: number) => `${(x * 100).toFixed(0)} %`;

console.log(
  `${pairs.length} English pairs (${pairs.filter((p) => p.same).length} paraphrase, ${pairs.filter((p) => !p.same).length} not)`,
);
for (const embedder of embedders) {
  const scored = await scorePairs(embedder, pairs, signal);
  if (process.argv.includes('--pairs')) {
    for (const pair of [...scored].sort((x, y) => y.similarity - x.similarity)) {
      console.log(
        `${pair.similarity.toFixed(3)} ${pair.same ? 'same     ' : 'different'}${pair.sameKind ? '' : ' (kinds differ)'} "${pair.a}" ~ "${pair.b}"`,
      );
    }
  }
  const calibration = chooseThreshold(scored);
  console.log(
    `${embedder.model}: highest non-paraphrase ${calibration.highestDifferent.toFixed(3)} → ` +
      `cache threshold ${calibration.threshold.toFixed(2)} (no wrong hit): ` +
      `paraphrase recall ${percent(calibration.sameHitRate)}`,
  );
  for (const threshold of [0.6, 0.7, 0.75, 0.8, 0.85, 0.9, SENTENCE_EMBEDDER_CACHE_THRESHOLD]) {
    const { precision, recall } = precisionRecallAt(scored, threshold);
    console.log(
      `  at ${threshold.toFixed(2)}: precision ${percent(precision)}, recall ${percent(recall)}`,
    );
  }
}
