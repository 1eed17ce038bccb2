import type { ChatMessage } from '../../../spec/llm.ts';
import { joinSplitWords, stemsOf, tokenize, type Token } from './normalize.ts';
import { forSpeech, splitHeading } from './passage-shape.ts';
import { coverage, wordSimilarity } from './similarity.ts';

export const PASSAGES_HEADER = 'Knowledge passages:';

export interface KnowledgePassage {
  readonly index: number;
  readonly source: string;
  readonly text: string;
}

export interface PassageAnswer {
  readonly source: string;
  readonly answer: string;
  readonly score: number;
  /**
   * Share of the question's words (asking words too: "how long", "why") its section
   * heading and answer name — compared with what an intent's examples name (decide.ts).
   */
  readonly explains: number;
}

const PASSAGE_LINE = /^\[(\d+)\]\s*\(([^)]*)\)\s*(.*)$/;
// Words of asking that answers rarely repeat ("how long does it take" → "within five days";
// "I need to reset …" → not "… you need a technician").
const QUESTION_WORDS = new Set(
  (
    'how what when where which who whom why long much many take takes tell know need want ' +
    'cuanto cuanta cuantos cuantas como donde cuando cual cuales quien porque saber decir tarda ' +
    'quiero necesito'
  ).split(' '),
);
// Function words the matcher's list leaves as words ("but if", "don't"): nothing to find an answer by.
const FUNCTION_WORDS = new Set(
  (
    'but if not as by from about into than then also very really yeah yep dont doesnt didnt ' +
    'cant isnt wont ive id youre theres whats thats pero si no como desde sobre muy'
  ).split(' '),
);
/** Share of the question's words a sentence must cover to count as an answer. */
const MIN_COVERAGE = 0.3;
/** First words of a question put as one. */
const ASKING_STARTS = new Set(
  (
    'how what when where which who why can could do does is are will would should ' +
    'cuanto cuanta cuantos cuantas como donde cuando cual cuales quien por puedo puede hay'
  ).split(' '),
);
/**
 * How much of the question an answer must name, in words (a near spelling
 * counts for its similarity: "compensation" for "compensated"): one word alone
 * ("adult", "cost") is how a misheard line meets a passage by chance.
 */
const MIN_NAMED_WORDS = 1.5;

/**
 * How many of `asked` the answer's `words` name, a near spelling counting in
 * part; 0 unless one is named outright (near spellings alone: "thick thighs"
 * for "takes … days").
 */
function named(asked: readonly Token[], words: readonly Token[]): number {
  let total = 0;
  let outright = false;
  for (const token of asked) {
    let best = 0;
    for (const word of words) best = Math.max(best, wordSimilarity(token, word));
    total += best;
    outright ||= best === 1;
  }
  return outright ? total : 0;
}

/**
 * Passages from the latest system message that starts with `Knowledge passages:`,
 * one per line as `[n] (source) text`; other lines continue the passage above.
 */
export function parsePassages(messages: readonly ChatMessage[]): KnowledgePassage[] {
  const message = messages.findLast(
    (candidate) =>
      candidate.role === 'system' && candidate.content.trimStart().startsWith(PASSAGES_HEADER),
  );
  if (message === undefined) return [];
  const passages: { index: number; source: string; text: string }[] = [];
  const lines = message.content.trimStart().slice(PASSAGES_HEADER.length).split('\n');
  for (const line of lines) {
    const match = PASSAGE_LINE.exec(line.trim());
    if (match !== null) {
      passages.push({ index: Number(match[1]), source: match[2] ?? '', text: match[3] ?? '' });
    } else if (line.trim() !== '' && passages.length > 0) {
      const last = passages[passages.length - 1];
      if (last !== undefined) last.text = `${last.text} ${line.trim()}`;
    }
  }
  return passages;
}

/** `docs/returns-policy.md` → `returns policy`. */
export function speakableSource(source: string): string {
  const base = source.split(/[\\/]/).pop() ?? source;
  return base
    .replace(/\.[a-z0-9]+$/i, '')
    .replace(/[-_]+/g, ' ')
    .trim();
}

function sentences(text: string): string[] {
  return text
    .split(/(?<=[.!?])\s+/)
    .map((sentence) => sentence.trim())
    .filter((sentence) => sentence !== '');
}

/** Longest spoken answer, in words; two sentences at most. */
const MAX_ANSWER_WORDS = 45;

function shortAnswer(first: string, next: string | undefined): string {
  const firstWords = first.split(/\s+/).length;
  if (next === undefined || firstWords + next.split(/\s+/).length > MAX_ANSWER_WORDS) return first;
  return `${first} ${next}`;
}

/** The words of a question that say what it is about (function words and numbers left out). */
export function contentWords(question: string, vocabulary: ReadonlySet<string>): Token[] {
  return joinSplitWords(tokenize(question), vocabulary).filter(
    (token) =>
      !token.stop && !token.numeric && !token.numberWord && !FUNCTION_WORDS.has(token.text),
  );
}

/**
 * The best answer to `question` from the passages: the body sentence that best
 * covers the question, read together with its section heading (so "reset my
 * password" finds the section "How do I reset my password?", read from its
 * start, two sentences while short); a sentence found by itself gets the next
 * one only when it is very short. Passages listed earlier (ranked
 * higher by the retriever) win ties. The answer is body text shaped for
 * speech, never the heading path.
 */
export function answerFromPassages(
  question: string,
  passages: readonly KnowledgePassage[],
): PassageAnswer | undefined {
  // Number words are left out too: "eight two two zero" is no question about "two hours".
  const vocabulary = stemsOf(passages.map((passage) => passage.text));
  const words = contentWords(question, vocabulary);
  const asked = words.filter((token) => !QUESTION_WORDS.has(token.text));
  // A question put as one ("how long do refunds take") may name one word; a line that does not
  // ask needs the word in a section's heading ("reset" → "How do I reset my password?") or two.
  const asking = ASKING_STARTS.has(tokenize(question)[0]?.text ?? '');
  if (asked.length === 0) return undefined;
  let best: PassageAnswer | undefined;
  for (const [rank, passage] of passages.entries()) {
    const { heading, body } = splitHeading(passage.text);
    const headingTokens = tokenize(heading);
    const byHeading = headingTokens.length === 0 ? 0 : coverage(asked, headingTokens);
    const parts = sentences(body);
    for (const [index, sentence] of parts.entries()) {
      const own = coverage(asked, tokenize(sentence));
      const withHeading = coverage(asked, [...headingTokens, ...tokenize(sentence)]);
      // The heading counts a little less than the sentence itself; earlier sentences win ties.
      const viaHeading = 0.9 * withHeading - index * 0.01;
      const score = Math.max(own, viaHeading) - rank * 0.01;
      if (score < MIN_COVERAGE || (best !== undefined && score <= best.score)) continue;
      const answerWords = [...headingTokens, ...tokenize(sentence)];
      if (!asking && named(asked, headingTokens) < 1 && named(asked, answerWords) < MIN_NAMED_WORDS)
        continue;
      // A section found by its heading is read from its start (also when the heading alone
      // names all the sentence does: "reset" finds "How do I reset my password?", whose
      // steps come first); a sentence found by itself gets the next one only when very short.
      const fromStart = byHeading >= own && index > 0;
      const first = fromStart ? (parts[0] ?? sentence) : sentence;
      const short = first.split(/\s+/).length < 5;
      const next = fromStart ? parts[1] : viaHeading > own || short ? parts[index + 1] : undefined;
      const answer = forSpeech(shortAnswer(first, next));
      const explains = coverage(words, answerWords);
      best = { source: speakableSource(passage.source), answer, score, explains };
    }
  }
  return best;
}
