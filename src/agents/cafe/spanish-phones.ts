/**
 * Spanish spelling → CMU (US English) phones, so the English acoustic model can
 * recognise the café's Spanish words. Spanish spelling is regular enough for
 * rules; Castilian z/ce/ci → TH (as espeak-ng's `es` voice says them).
 */
const VOWELS: Readonly<Record<string, string>> = { a: 'AA', e: 'EY', i: 'IY', o: 'OW', u: 'UW' };

function fold(word: string): string {
  return word
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u0302\u0304-\u036f]/g, '') // keep the tilde of ñ (U+0303)
    .normalize('NFC')
    .replace(/ü/g, 'u');
}

const isVowel = (c: string | undefined) => c !== undefined && 'aeiou'.includes(c);

export function spanishToCmu(word: string): string {
  const w = fold(word);
  const phones: string[] = [];
  for (let i = 0; i < w.length; i++) {
    const c = w[i] ?? '';
    const next = w[i + 1];
    const prev = w[i - 1];
    if (isVowel(c)) {
      // An unstressed i/u next to another vowel glides: "agua" → G W AA, "tienen" → T Y EY.
      if ((c === 'i' || c === 'u') && isVowel(next) && i > 0) phones.push(c === 'i' ? 'Y' : 'W');
      else phones.push(VOWELS[c] ?? 'AH');
      continue;
    }
    switch (c) {
      case 'b':
      case 'v':
        phones.push('B');
        break;
      case 'c':
        if (next === 'h') {
          phones.push('CH');
          i++;
        } else phones.push(next === 'e' || next === 'i' ? 'TH' : 'K');
        break;
      case 'q':
        phones.push('K');
        if (next === 'u') i++;
        break;
      case 'g':
        if (next === 'e' || next === 'i') phones.push('HH');
        else {
          phones.push('G');
          if (next === 'u' && (w[i + 2] === 'e' || w[i + 2] === 'i')) i++;
        }
        break;
      case 'j':
        phones.push('HH');
        break;
      case 'h':
        break;
      case 'l':
        if (next === 'l') {
          phones.push('Y');
          i++;
        } else phones.push('L');
        break;
      case 'ñ':
        phones.push('N', 'Y');
        break;
      case 'r':
        phones.push('R');
        if (next === 'r') i++;
        break;
      case 'x':
        phones.push('K', 'S');
        break;
      case 'y':
        phones.push(isVowel(next) ? 'Y' : 'IY');
        break;
      case 'z':
        phones.push('TH');
        break;
      case 'd':
        phones.push(isVowel(prev) && i > 0 ? 'DH' : 'D');
        break;
      default:
        if (/[a-z]/.test(c)) phones.push(c.toUpperCase() === 'Ñ' ? 'N' : simple(c));
    }
  }
  return phones.join(' ');
}

function simple(c: string): string {
  const map: Readonly<Record<string, string>> = {
    f: 'F',
    k: 'K',
    m: 'M',
    n: 'N',
    p: 'P',
    s: 'S',
    t: 'T',
    w: 'W',
  };
  return map[c] ?? 'AH';
}

/** The pronunciation dictionary for every word of the phrases (accents folded, as the STT spells them). */
export function spanishPronunciations(phrases: readonly string[]): Record<string, string> {
  const dictionary: Record<string, string> = {};
  for (const phrase of phrases) {
    for (const word of phrase.split(/[^a-zñáéíóúü]+/i).filter(Boolean)) {
      dictionary[asciiWord(word)] = spanishToCmu(word);
    }
  }
  return dictionary;
}

/** How the recogniser spells a Spanish word: lower case, no accents, ñ → n. */
export function asciiWord(word: string): string {
  return word
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '');
}
