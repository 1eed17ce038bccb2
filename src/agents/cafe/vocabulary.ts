import type { SttVocabulary } from '../../spec/stt.ts';
import { MENU } from './menu.ts';
import { asciiWord, spanishPronunciations } from './spanish-phones.ts';

/** Menu items as the recogniser spells them (no accents), with their plurals. */
const ITEM = `( ${MENU.flatMap((item) => [item.name, item.plural])
  .map((name) => name.split(' ').map(asciiWord).join(' '))
  .join(' | ')} )`;
const ARTICLE = '( un | una | el | la | unos | unas | dos | tres )';
/** Ways of ordering that the offline script's examples use (dialogue.ts), as the recogniser spells them. */
const ORDER =
  '( quiero | quiere | querer | querria | me pone | me pones | pongame | ponme | traigame | para mi | yo tomo )';

/**
 * The café phrases the offline recogniser can understand. There is no Spanish
 * acoustic model offline, so these run as a grammar over the English model,
 * with every word's pronunciation spelled in English phones. Every example of
 * the dialogue script can be heard (a grammar hears nothing else).
 */
export const CAFE_PHRASES: readonly string[] = [
  'hola [buenos dias]',
  'hola buenas',
  'buenos dias',
  'buenas tardes',
  `[hola] [yo] ${ORDER} ${ARTICLE} ${ITEM} [con tomate] [por favor]`,
  `${ARTICLE} ${ITEM} [por favor]`,
  `y ${ARTICLE} ${ITEM} [por favor]`,
  `( soy | estoy ) ${ARTICLE} ${ITEM}`,
  'la cuenta [por favor]',
  'cuanto es [todo]',
  'cuanto cuesta',
  `cuanto vale ${ARTICLE} ${ITEM}`,
  'que precio tiene',
  'es caro',
  'quiero pagar',
  'me cobra',
  'cuanto le debo',
  'no se que decir',
  'que digo',
  'como se dice',
  'puede repetir',
  'ayuda [por favor]',
  'no entiendo',
  'nada mas [gracias]',
  'eso es todo',
  '[gracias] adios',
  'hasta luego',
  'gracias',
  'si',
  'no',
];

/**
 * Café words the English dictionary (Debian's cmudict-en-us.dict) already has,
 * with how many pronunciations it gives each: "favor" is F EY V ER there. A
 * word cannot be added twice, so the Spanish pronunciation is added as the
 * next alternate, `favor(2)`, which the grammar search also tries.
 * test/agents/cafe-vocabulary.test.ts checks these counts against the dictionary.
 */
export const ENGLISH_DICTIONARY_ENTRIES: Readonly<Record<string, number>> = {
  hola: 1,
  buenos: 2,
  dias: 1,
  yo: 1,
  un: 2,
  una: 1,
  el: 1,
  la: 1,
  unos: 1,
  dos: 2,
  cafe: 2,
  con: 1,
  cafes: 1,
  te: 1,
  agua: 1,
  de: 3,
  naranja: 1,
  cana: 1,
  canas: 1,
  chocolate: 1,
  chocolates: 1,
  tortilla: 1,
  tortillas: 1,
  por: 1,
  favor: 1,
  me: 1,
  y: 1,
  soy: 1,
  es: 1,
  cuesta: 1,
  no: 1,
  se: 1,
  que: 1,
  nada: 1,
  mas: 1,
  gracias: 1,
  todo: 1,
  adios: 1,
  si: 1,
  para: 1,
  mi: 1,
  como: 1,
  dice: 1,
  vale: 1,
  caro: 1,
  pagar: 1,
  cobra: 1,
  le: 1,
  debo: 1,
  hasta: 2,
};

function dictionaryEntries(words: Readonly<Record<string, string>>): Record<string, string> {
  const entries: Record<string, string> = {};
  for (const [word, phones] of Object.entries(words)) {
    const existing = ENGLISH_DICTIONARY_ENTRIES[word];
    entries[existing === undefined ? word : `${word}(${existing + 1})`] = phones;
  }
  return entries;
}

export const CAFE_VOCABULARY: SttVocabulary = {
  phrases: CAFE_PHRASES,
  // Menu names last: spelled with ñ and accents they give the better phones ("caña" → K AA N Y AA).
  pronunciations: dictionaryEntries(
    spanishPronunciations([...CAFE_PHRASES, ...MENU.flatMap((m) => [m.name, m.plural])]),
  ),
};
