/**
 * The café page's translation toggle works offline, in the page: whole
 * sentences the waiter's script says, then single words. It says which it
 * used, so a word-by-word gloss is never passed off as a translation.
 */
const SENTENCES: Record<string, string> = {
  'buenos días.': 'Good morning.',
  '¿qué le pongo?': 'What can I get you?',
  '¿cómo?': 'What?',
  'no le entiendo.': "I don't understand you.",
  'hable más claro.': 'Speak more clearly.',
  'mire, diga «quiero un café, por favor».':
    'Look, say "quiero un café, por favor" (a coffee, please).',
  'es fácil.': "It's easy.",
  'ya.': 'Right.',
  '¿y qué quiere tomar?': 'And what would you like to have?',
  'está en la pizarra.': "It's on the board.",
  'el café, un euro veinte.': 'Coffee, one euro twenty.',
  'tenga, la cuenta.': 'Here, the bill.',
  'se paga en la barra.': 'You pay at the bar.',
  'hmm.': 'Hmm.',
  'adiós.': 'Goodbye.',
  'aquí se habla español.': 'Spanish is spoken here.',
  '¿algo más?': 'Anything else?',
};

const WORDS: Record<string, string> = {
  algo: 'something',
  más: 'more',
  aquí: 'here',
  tiene: 'here you are',
  marchando: 'coming up',
  café: 'coffee',
  leche: 'milk',
  con: 'with',
  cortado: 'cortado',
  té: 'tea',
  agua: 'water',
  zumo: 'juice',
  naranja: 'orange',
  caña: 'small beer',
  chocolate: 'hot chocolate',
  tostada: 'toast',
  tomate: 'tomato',
  cruasán: 'croissant',
  bocadillo: 'sandwich',
  tortilla: 'Spanish omelette',
  un: 'a',
  una: 'a',
  el: 'the',
  la: 'the',
  de: 'of',
  y: 'and',
  no: 'no',
  sí: 'yes',
  se: '(one)',
  dice: 'says',
  diga: 'say',
  quiero: 'I want',
  por: 'for',
  favor: 'favour',
  bien: 'well',
  muy: 'very',
  vale: 'OK',
  euro: 'euro',
  euros: 'euros',
  cuesta: 'costs',
  perdone: 'excuse me',
  pista: 'hint',
  ay: 'oh',
  es: 'is',
  está: 'is',
};

export interface Translation {
  readonly text: string;
  readonly kind: 'sentence' | 'words' | 'none';
}

const fold = (text: string) => text.trim().toLowerCase().replace(/\s+/g, ' ');

/** Translates sentence by sentence; unknown sentences get a word-by-word gloss. */
export function translate(spanish: string): Translation {
  const sentences = spanish.match(/[^.!?]+[.!?]*/g) ?? [];
  let glossed = false;
  const parts = sentences.map((sentence) => {
    const whole = SENTENCES[fold(sentence)];
    if (whole) return whole;
    glossed = true;
    const words = sentence
      .split(/\s+/)
      .filter(Boolean)
      .map((word) => {
        const bare = word.toLowerCase().replace(/[^\p{L}]/gu, '');
        return WORDS[bare] ?? `[${word.replace(/[«»¿?¡!.,:]/g, '')}]`;
      })
      .join(' ');
    const end = /[.!?]$/.exec(sentence.trim())?.[0] ?? '';
    return `${words.charAt(0).toUpperCase()}${words.slice(1)}${end}`;
  });
  if (parts.length === 0) return { text: '', kind: 'none' };
  return { text: parts.join(' '), kind: glossed ? 'words' : 'sentence' };
}
