import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { loadEvalCorpus, type EvalCorpus } from './corpus.ts';
import { EVAL_QUESTIONS } from './questions.ts';
import { measureRecall } from './recall.ts';

const signal = new AbortController().signal;

describe('retrieval over the technician manuals and support FAQ', () => {
  let corpus: EvalCorpus;
  before(async () => {
    corpus = await loadEvalCorpus(signal);
  });
  after(async () => {
    await corpus.close();
  });

  it('has at least 30 questions covering both agents', () => {
    assert.ok(EVAL_QUESTIONS.length >= 30);
    assert.ok(EVAL_QUESTIONS.some((q) => q.agentId === 'technician'));
    assert.ok(EVAL_QUESTIONS.some((q) => q.agentId === 'support'));
  });

  it('reaches recall@3 of at least 0.9 with the offline embedder and hybrid retrieval', async () => {
    const result = await measureRecall(
      EVAL_QUESTIONS,
      corpus.retrieverFor({ useLexical: true, topK: 3 }),
      signal,
    );
    assert.ok(result.recall >= 0.9, `recall@3 ${result.recall}: ${JSON.stringify(result.misses)}`);
  });

  it('does no worse with hybrid retrieval than with vectors alone', async () => {
    const hybrid = await measureRecall(
      EVAL_QUESTIONS,
      corpus.retrieverFor({ useLexical: true }),
      signal,
    );
    const vectorOnly = await measureRecall(
      EVAL_QUESTIONS,
      corpus.retrieverFor({ useLexical: false }),
      signal,
    );
    assert.ok(hybrid.recall >= vectorOnly.recall);
  });

  it('never returns another agent’s passages', async () => {
    const passages = await corpus
      .retrieverFor({ useLexical: true, topK: 10 })('support')
      .retrieve('pump bearing temperature vibration', signal);
    assert.ok(passages.every((p) => p.id.startsWith('support:')));
  });
});
