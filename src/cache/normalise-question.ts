/**
 * What a spoken question is reduced to before it is embedded and keyed:
 * lowercase, accents and punctuation gone, hesitations and politeness
 * ("um", "you know", "please") dropped, spaces collapsed.
 */
const FILLER_PHRASES = [
  'you know',
  'i mean',
  'sort of',
  'kind of',
  'excuse me',
  'thank you',
  'o sea',
  'por favor',
  'es que',
];
const FILLER_WORDS = new Set(
  'um umm uh uhh er erm hmm mm ah oh eh well so like okay ok hey hi hello please thanks just actually basically pues bueno este hola gracias'.split(
    ' ',
  ),
);

export function normaliseQuestion(text: string): string {
  let folded = ` ${text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[’']/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')} `;
  for (const phrase of FILLER_PHRASES) folded = folded.replaceAll(` ${phrase} `, ' ');
  return folded
    .split(' ')
    .filter((word) => word !== '' && !FILLER_WORDS.has(word))
    .join(' ');
}
