/**
 * Calibrates the cosine at which a USE-lite nearest example counts as an
 * intent match: leave-one-out over the agents' English examples (each example
 * against the others), printing, per cosine threshold, how often the nearest
 * other example above it has the right intent (precision) and how many
 * examples find one (recall). `node --import tsx eval/intent-calibration.ts`
 */
import { SUPPORT_DIALOGUE } from '../src/agents/support/dialogue.ts';
import { TECHNICIAN_DIALOGUE } from '../src/agents/technician/dialogue.ts';
import { createUseLiteEmbedder } from '../src/providers/local/embedder/index.ts';

const signal = new AbortController().signal;
const embedder = createUseLiteEmbedder();
for (const [name, script] of [
  ['support', SUPPORT_DIALOGUE],
  ['technician', TECHNICIAN_DIALOGUE],
] as const) {
  const entries = script.intents.flatMap((intent) =>
    intent.examples.map((example) => ({ intent: intent.name, example })),
  );
  const vectors = await embedder.embed(
    entries.map((entry) => entry.example),
    signal,
  );
  const nearest = entries.map((entry, i) => {
    let best = { cos: -1, intent: '' };
    for (const [j, other] of entries.entries()) {
      if (i === j) continue;
      const a = vectors[i]!;
      const b = vectors[j]!;
      let cos = 0;
      for (let k = 0; k < a.length; k++) cos += a[k]! * b[k]!;
      if (cos > best.cos) best = { cos, intent: other.intent };
    }
    return { right: best.intent === entry.intent, cos: best.cos };
  });
  for (const threshold of [0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7]) {
    const above = nearest.filter((n) => n.cos >= threshold);
    const right = above.filter((n) => n.right).length;
    console.log(
      `${name} cos ≥ ${threshold.toFixed(2)}: precision ${((100 * right) / Math.max(1, above.length)).toFixed(0)} %, ` +
        `recall ${((100 * right) / nearest.length).toFixed(0)} % (${above.length}/${nearest.length} matched)`,
    );
  }
}
