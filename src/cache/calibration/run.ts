/**
 * Prints the similarity distributions of the labelled pairs for the local
 * embedder and the threshold they call for:
 * `node --import tsx src/cache/calibration/run.ts`.
 */
import { createLocalEmbedder } from '../../providers/local/embedder/embedder.ts';
import { chooseThreshold, scorePairs } from './calibrate.ts';
import { CALIBRATION_PAIRS } from './pairs.ts';

const embedder = createLocalEmbedder();
const scored = await scorePairs(embedder, CALIBRATION_PAIRS, new AbortController().signal);
const calibration = chooseThreshold(scored);
for (const pair of [...scored].sort((x, y) => y.similarity - x.similarity)) {
  console.log(
    `${pair.similarity.toFixed(3)} ${pair.same ? 'same     ' : 'different'}${pair.sameKind ? '' : ' (kinds differ)'} "${pair.a}" ~ "${pair.b}"`,
  );
}
console.log(
  `\n${embedder.model}: lowest same ${calibration.lowestSame.toFixed(3)}, highest different ` +
    `${calibration.highestDifferent.toFixed(3)} → threshold ${calibration.threshold.toFixed(2)}; ` +
    `paraphrase hit rate ${(calibration.sameHitRate * 100).toFixed(0)} %, ` +
    `wrong-hit rate ${(calibration.differentHitRate * 100).toFixed(0)} %`,
);
