/** English and Spanish number words, in folded form (lowercase, no accents). */

/** Words for a single digit. */
export const DIGIT_WORDS: ReadonlyMap<string, number> = new Map([
  ['zero', 0],
  ['oh', 0],
  ['nought', 0],
  ['one', 1],
  ['two', 2],
  ['three', 3],
  ['four', 4],
  ['five', 5],
  ['six', 6],
  ['seven', 7],
  ['eight', 8],
  ['nine', 9],
  ['cero', 0],
  ['uno', 1],
  ['dos', 2],
  ['tres', 3],
  ['cuatro', 4],
  ['cinco', 5],
  ['seis', 6],
  ['siete', 7],
  ['ocho', 8],
  ['nueve', 9],
]);

/**
 * Words a recogniser writes for a digit that are also ordinary words
 * ("for", "to", "una"): digits only next to other digits.
 */
export const AMBIGUOUS_DIGIT_WORDS: ReadonlyMap<string, number> = new Map([
  ['o', 0],
  ['won', 1],
  ['un', 1],
  ['una', 1],
  ['to', 2],
  ['too', 2],
  ['for', 4],
  ['fore', 4],
  ['ate', 8],
]);

/** Ten to nineteen, and the Spanish twenty-one to twenty-nine written as one word. */
export const TEEN_WORDS: ReadonlyMap<string, number> = new Map([
  ['ten', 10],
  ['eleven', 11],
  ['twelve', 12],
  ['thirteen', 13],
  ['fourteen', 14],
  ['fifteen', 15],
  ['sixteen', 16],
  ['seventeen', 17],
  ['eighteen', 18],
  ['nineteen', 19],
  ['diez', 10],
  ['once', 11],
  ['doce', 12],
  ['trece', 13],
  ['catorce', 14],
  ['quince', 15],
  ['dieciseis', 16],
  ['diecisiete', 17],
  ['dieciocho', 18],
  ['diecinueve', 19],
  ['veintiuno', 21],
  ['veintiun', 21],
  ['veintiuna', 21],
  ['veintidos', 22],
  ['veintitres', 23],
  ['veinticuatro', 24],
  ['veinticinco', 25],
  ['veintiseis', 26],
  ['veintisiete', 27],
  ['veintiocho', 28],
  ['veintinueve', 29],
]);

export const TENS_WORDS: ReadonlyMap<string, number> = new Map([
  ['twenty', 20],
  ['thirty', 30],
  ['forty', 40],
  ['fifty', 50],
  ['sixty', 60],
  ['seventy', 70],
  ['eighty', 80],
  ['ninety', 90],
  ['veinte', 20],
  ['treinta', 30],
  ['cuarenta', 40],
  ['cincuenta', 50],
  ['sesenta', 60],
  ['setenta', 70],
  ['ochenta', 80],
  ['noventa', 90],
]);

/** Spanish hundreds that are a value by themselves. */
export const HUNDREDS_WORDS: ReadonlyMap<string, number> = new Map([
  ['cien', 100],
  ['ciento', 100],
  ['doscientos', 200],
  ['doscientas', 200],
  ['trescientos', 300],
  ['trescientas', 300],
  ['cuatrocientos', 400],
  ['cuatrocientas', 400],
  ['quinientos', 500],
  ['quinientas', 500],
  ['seiscientos', 600],
  ['seiscientas', 600],
  ['setecientos', 700],
  ['setecientas', 700],
  ['ochocientos', 800],
  ['ochocientas', 800],
  ['novecientos', 900],
  ['novecientas', 900],
]);

/** Multipliers that close a group: "thousand", "mil". `hundred` is handled apart. */
export const SCALE_WORDS: ReadonlyMap<string, number> = new Map([
  ['thousand', 1000],
  ['mil', 1000],
  ['million', 1_000_000],
  ['millon', 1_000_000],
  ['millones', 1_000_000],
]);

export const HUNDRED_WORDS = new Set(['hundred']);
/** "double five" → 55. */
export const REPEAT_WORDS: ReadonlyMap<string, number> = new Map([
  ['double', 2],
  ['doble', 2],
  ['triple', 3],
]);
export const DECIMAL_WORDS = new Set(['point', 'dot', 'punto', 'coma']);
export const CONNECTOR_WORDS = new Set(['and', 'y']);
export const SEPARATOR_WORDS = new Set(['dash', 'hyphen', 'guion']);
export const MINUS_WORDS = new Set(['minus', 'negative', 'menos']);
