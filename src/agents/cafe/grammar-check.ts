import { fold, MENU, menuItemAt, type MenuItem } from './menu.ts';

export interface Mistake {
  readonly wrong: string;
  readonly right: string;
  readonly explanation: string;
  /** True when the mistake changes what is being ordered (or who orders it). */
  readonly changesMeaning: boolean;
}

export interface GrammarCheck {
  readonly mistakes: readonly Mistake[];
  readonly meaningChanged: boolean;
  /** What the waiter understood was ordered. */
  readonly items: readonly { readonly name: string; readonly quantity: number }[];
}

const ARTICLES: Readonly<Record<string, { gender: 'm' | 'f'; plural: boolean }>> = {
  un: { gender: 'm', plural: false },
  una: { gender: 'f', plural: false },
  el: { gender: 'm', plural: false },
  la: { gender: 'f', plural: false },
  unos: { gender: 'm', plural: true },
  unas: { gender: 'f', plural: true },
};
/** Puts the accents back on menu words: "un cafe" → "un café". */
function accented(text: string): string {
  return text
    .split(' ')
    .map((word) => MENU.find((item) => fold(item.name) === word)?.name ?? word)
    .join(' ');
}

const NUMBERS: Readonly<Record<string, number>> = { dos: 2, tres: 3, cuatro: 4, cinco: 5 };

function expectedArticle(article: string, item: MenuItem): string {
  const definite = article === 'el' || article === 'la';
  const plural = article.endsWith('s');
  if (plural) return item.gender === 'f' ? 'unas' : 'unos';
  const masculine = item.gender === 'm' || item.stressedA === true;
  if (definite) return masculine ? 'el' : 'la';
  return masculine ? 'un' : 'una';
}

/** Mistakes in the verb that asks for something. */
function verbMistakes(words: readonly string[]): Mistake[] {
  const mistakes: Mistake[] = [];
  const at = (i: number) => words[i] ?? '';
  for (const [i, word] of words.entries()) {
    if ((word === 'soy' || word === 'estoy') && (ARTICLES[at(i + 1)] || NUMBERS[at(i + 1)])) {
      const rest = accented(words.slice(i + 1, i + 3).join(' '));
      mistakes.push({
        wrong: `${word} ${rest}`,
        right: `quiero ${rest}`,
        explanation: `"${word} ${at(i + 1)} …" means "I am a …", not "I want a …".`,
        changesMeaning: true,
      });
    } else if (word === 'quieres' && i === 0) {
      mistakes.push({
        wrong: 'quieres',
        right: 'quiero',
        explanation: '"Quieres" means "you want": you offered the waiter a drink.',
        changesMeaning: true,
      });
    } else if (word === 'quiere' && at(i - 1) === 'yo') {
      mistakes.push({
        wrong: 'yo quiere',
        right: 'yo quiero',
        explanation: 'With "yo" the verb is "quiero".',
        changesMeaning: false,
      });
    } else if (word === 'querer' && i <= 1) {
      mistakes.push({
        wrong: 'querer',
        right: 'quiero',
        explanation: '"Querer" is the infinitive; to ask, say "quiero".',
        changesMeaning: false,
      });
    }
  }
  return mistakes;
}

/**
 * A small rule-based checker for the mistakes learners make when ordering in
 * a café: article gender ("una café"), number ("dos café", "un cafés"), the
 * form of "querer", and ser/estar in place of "quiero". A missing "por favor"
 * is not a mistake. Only some mistakes change the meaning of the order.
 */
export function checkOrderGrammar(userInput: string): GrammarCheck {
  const words = fold(userInput)
    .replace(/[^a-zñ\s]/g, ' ')
    .split(/\s+/)
    .filter(Boolean);
  const mistakes = verbMistakes(words);
  const items: { name: string; quantity: number }[] = [];
  for (let i = 0; i < words.length; i++) {
    const found = menuItemAt(words, i);
    if (!found) continue;
    const before = words[i - 1] ?? '';
    const article = ARTICLES[before];
    const count = NUMBERS[before];
    const { item, plural } = found;
    if (article && !article.plural && plural) {
      mistakes.push({
        wrong: `${before} ${item.plural}`,
        right: `${expectedArticle(before, item)} ${item.name}`,
        explanation: `"${before}" is one, "${item.plural}" is several: how many?`,
        changesMeaning: true,
      });
    } else if (article && expectedArticle(before, item) !== before) {
      mistakes.push({
        wrong: `${before} ${item.name}`,
        right: `${expectedArticle(before, item)} ${item.name}`,
        explanation: item.stressedA
          ? `"${item.name}" is feminine but takes "${expectedArticle(before, item)}" because it starts with a stressed "a".`
          : `"${item.name}" is ${item.gender === 'm' ? 'masculine' : 'feminine'}.`,
        changesMeaning: false,
      });
    } else if (count !== undefined && !plural) {
      mistakes.push({
        wrong: `${before} ${item.name}`,
        right: `${before} ${item.plural}`,
        explanation: 'After a number the noun is plural.',
        changesMeaning: false,
      });
    }
    items.push({ name: item.name, quantity: count ?? (plural && !article ? 2 : 1) });
    i += found.length - 1;
  }
  return { mistakes, meaningChanged: mistakes.some((m) => m.changesMeaning), items };
}
