/**
 * What kind of question a text asks, from its question words and negations:
 * `when is my bill due` and `why is my bill due` embed alike with a bag-of-words
 * embedder (the question words are stop words), but must not share an answer.
 * The cache serves a hit only when both questions are of the same kind.
 */
const CLASSES: readonly (readonly [string, readonly string[]])[] = [
  ['when', ['when', 'cuando']],
  ['where', ['where', 'donde']],
  ['why', ['why', 'porque']],
  ['who', ['who', 'quien', 'quienes']],
  ['what', ['what', 'which', 'que', 'cual', 'cuales']],
  ['how-much', ['much', 'many', 'cuanto', 'cuanta', 'cuantos', 'cuantas']],
  ['how-long', ['long']],
  ['how-often', ['often']],
  [
    'not',
    [
      'not',
      'no',
      'never',
      'nunca',
      'cant',
      'cannot',
      'dont',
      'doesnt',
      'didnt',
      'wont',
      'isnt',
      'arent',
      'wasnt',
    ],
  ],
];

/** Sorted question classes present in an already normalised question (see normaliseQuestion). */
export function questionKind(normalisedQuestion: string): string {
  const words = new Set(normalisedQuestion.split(' '));
  const present = CLASSES.filter(([, members]) => members.some((word) => words.has(word)));
  return present
    .map(([name]) => name)
    .sort()
    .join('+');
}
