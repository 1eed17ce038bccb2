/**
 * The one table of language knowledge that turn-taking reads: digit words, backchannels,
 * closings, words and phrases that leave a sentence open, and ways of asking for time.
 * Entries are lowercase phrases of one or more words, matched on `decisionTokens`.
 * Add a language by adding a row; an agent can override its backchannels.
 */
export interface LanguageTable {
  /** Spoken digits, word → digit. */
  readonly digitWords: Readonly<Record<string, string>>;
  /** Words said for zero only inside a run of digits ("oh four five" → 0 4 5), and the zero word. */
  readonly zeroInDigits: { readonly aliases: readonly string[]; readonly word: string };
  /** Listener noises that mean "go on", not "stop": never interrupt, never a turn over the agent. */
  readonly backchannels: readonly string[];
  /**
   * The common backchannels spelled as a recogniser's dictionary spells them, given to the STT
   * beside an agent's phrases so that a phrase-biased recogniser can hear "okay" as "okay"
   * rather than as the nearest phrase ("oh two eight"). Plain dictionary words only. (The
   * ways of asking for time are given too; keep those plain words as well.)
   */
  readonly backchannelHints: readonly string[];
  /**
   * Words that interrupt the agent however briefly they are said ("stop", "wait"): other
   * words over the agent must last `minInterruptingSpeechMs` first, because a recogniser
   * turns a listener's short "mhm" into words.
   */
  readonly interruptingWords: readonly string[];
  /**
   * Hesitations and the bare function words a recogniser makes of a hum or a breath ("uh",
   * "the", "and"): over the agent, words made only of these (and of backchannels and stray
   * letters) are a listener's noise, never an interruption.
   */
  readonly fillers: readonly string[];
  /** The one-letter words ("a", "i"): any other single letter is a fragment ("m h m"). */
  readonly oneLetterWords: readonly string[];
  /** Short endings that close a turn on their own ("thank you", "bye"). Not "please". */
  readonly closings: readonly string[];
  /** Last words after which a speaker is very likely to go on ("and", "um", "the"). */
  readonly continuationWords: readonly string[];
  /** Endings that leave a request open ("could you please", "i would like"). */
  readonly openEndings: readonly string[];
  /** The user asks for time ("hold on", "give me a minute"): wait long. */
  readonly askingForTime: readonly string[];
  /** First words of a question ("what", "where are", "could you"). */
  readonly questionStarts: readonly string[];
  /** Words a question may end on without being unfinished ("where are you from"). */
  readonly strandedWords: readonly string[];
}

const list = (words: string): readonly string[] => words.split('|');

const ENGLISH: LanguageTable = {
  digitWords: {
    zero: '0',
    one: '1',
    two: '2',
    three: '3',
    four: '4',
    five: '5',
    six: '6',
    seven: '7',
    eight: '8',
    nine: '9',
  },
  zeroInDigits: { aliases: ['oh', 'o'], word: 'zero' },
  backchannels: list(
    'mhm|mm|mmm|mm-hmm|mm hmm|mmhmm|hmm|hm|uh-huh|uh huh|uhhuh|uh-hum|aha|ah|oh|ooh|' +
      // spelled out letter by letter, as some recognisers write them
      'm h m|m hm|mm hm|m m|u h huh|a ha|' +
      'okay|ok|o k|yeah|yea|yep|yup|yes|right|sure|i see|got it|gotcha|alright|all right|cool|' +
      'great|nice|fine|true|exactly|indeed|go on|oh okay|oh right|oh i see|' +
      "that's right|that is right|makes sense|i know|of course|sounds good|perfect",
  ),
  backchannelHints: list(
    'okay|ok|mhm|mm hmm|uh huh|hmm|yeah|yep|yup|yes|right|sure|gotcha|got it|aha|alright|' +
      'i see|all right|cool|great',
  ),
  interruptingWords: list(
    'stop|wait|no|nope|sorry|excuse me|hold on|hang on|hey|pardon|actually|never mind',
  ),
  fillers: list('uh|um|umm|er|erm|ah|eh|hm|huh|the|a|an|and|so|if'),
  oneLetterWords: list('a|i'),
  closings: list(
    "thanks|thank you|thanks a lot|bye|goodbye|bye bye|that is all|that's all|that's it|" +
      'yes|no|okay|ok|sure|cheers',
  ),
  continuationWords: list(
    'and|or|but|so|because|then|if|that|which|with|to|for|of|in|on|at|from|by|about|the|a|an|' +
      'my|your|our|their|is|are|was|were|um|uh|er|erm|hmm|like|also|plus|number',
  ),
  openEndings: list(
    'could you please|can you please|would you please|will you please|could you|can you|' +
      "would you|i would like|i'd like|i want|i need|let me|can i|could i|please can you",
  ),
  askingForTime: list(
    'hold on|hang on|hold on a second|hold on a sec|hold on a minute|hang on a second|' +
      'give me a minute|' +
      'give me a second|give me a moment|give me a sec|just a minute|just a second|just a moment|' +
      'one moment|one second|one sec|wait a second|wait a minute|let me think|let me see|' +
      'let me check|let me look|let me find it|i need a minute|bear with me',
  ),
  questionStarts: list(
    "what|what's|whats|where|where's|who|who's|which|when|why|how|how's|" +
      'do|does|did|can|could|would|will|is|are|was|were|should|have|has',
  ),
  strandedWords: list('for|from|like|about|with|to|of|in|on|at|into|by|up|out|over'),
};

const SPANISH: LanguageTable = {
  digitWords: {
    cero: '0',
    uno: '1',
    una: '1',
    dos: '2',
    tres: '3',
    cuatro: '4',
    cinco: '5',
    seis: '6',
    siete: '7',
    ocho: '8',
    nueve: '9',
  },
  zeroInDigits: { aliases: [], word: 'cero' },
  backchannels: list(
    'mhm|mm|mmm|hmm|ajá|aja|ah|oh|vale|sí|si|claro|ya|bueno|entiendo|de acuerdo|ok|okay|' +
      'vale vale|sí sí|ya ya|perfecto|genial|muy bien|exacto|eso es',
  ),
  backchannelHints: list('vale|sí|claro|ya|bueno|vale vale|de acuerdo|entiendo|perfecto'),
  interruptingWords: list('para|espera|espere|no|perdón|perdona|perdone|oye|disculpa|un momento'),
  fillers: list('eh|em|mm|este|pues|el|la|y'),
  oneLetterWords: list('a|e|o|u|y'),
  closings: list('gracias|muchas gracias|adiós|adios|hasta luego|eso es todo|nada más|sí|no|vale'),
  continuationWords: list(
    'y|o|pero|porque|que|con|para|por|de|del|en|el|la|los|las|un|una|mi|tu|eh|este|pues|es|' +
      'a|al|como|si',
  ),
  openEndings: list('me gustaría|quiero|quisiera|puedes|podrías|me puedes|necesito'),
  askingForTime: list(
    'un momento|un momentito|un segundo|un segundito|espera|espera un momento|espere|' +
      'déjame pensar|dejame pensar|déjame ver|dejame ver|a ver|dame un minuto|dame un segundo',
  ),
  questionStarts: list(
    'qué|que|dónde|donde|cuándo|cuando|cómo|como|cuál|cual|quién|quien|cuánto|cuanto|' +
      'puedes|podrías|tienes|tiene|hay',
  ),
  strandedWords: [],
};

export const LANGUAGE_TABLES: Readonly<Record<string, LanguageTable>> = {
  en: ENGLISH,
  es: SPANISH,
};

/** The table for a BCP-47 tag (`en-US` → `en`); English when the language has no row. */
export function languageTable(language: string): LanguageTable {
  return LANGUAGE_TABLES[language.slice(0, 2).toLowerCase()] ?? ENGLISH;
}
