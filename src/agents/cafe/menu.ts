/** The café's menu: what the waiter serves, each noun's gender (for article checks) and price. */
export interface MenuItem {
  readonly name: string;
  readonly plural: string;
  readonly gender: 'm' | 'f';
  /** Feminine nouns starting with a stressed "a" take "un"/"el": un agua, el agua. */
  readonly stressedA?: boolean;
  readonly kind: 'drink' | 'food';
  readonly priceCents: number;
}

export const MENU: readonly MenuItem[] = [
  {
    name: 'café con leche',
    plural: 'cafés con leche',
    gender: 'm',
    kind: 'drink',
    priceCents: 150,
  },
  { name: 'café', plural: 'cafés', gender: 'm', kind: 'drink', priceCents: 120 },
  { name: 'cortado', plural: 'cortados', gender: 'm', kind: 'drink', priceCents: 130 },
  { name: 'té', plural: 'tés', gender: 'm', kind: 'drink', priceCents: 140 },
  { name: 'agua', plural: 'aguas', gender: 'f', stressedA: true, kind: 'drink', priceCents: 100 },
  {
    name: 'zumo de naranja',
    plural: 'zumos de naranja',
    gender: 'm',
    kind: 'drink',
    priceCents: 250,
  },
  { name: 'caña', plural: 'cañas', gender: 'f', kind: 'drink', priceCents: 200 },
  { name: 'chocolate', plural: 'chocolates', gender: 'm', kind: 'drink', priceCents: 220 },
  { name: 'tostada', plural: 'tostadas', gender: 'f', kind: 'food', priceCents: 200 },
  { name: 'cruasán', plural: 'cruasanes', gender: 'm', kind: 'food', priceCents: 150 },
  { name: 'bocadillo', plural: 'bocadillos', gender: 'm', kind: 'food', priceCents: 400 },
  { name: 'tortilla', plural: 'tortillas', gender: 'f', kind: 'food', priceCents: 350 },
];

export function fold(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '');
}

/** The longest menu item named at `words[index]` (singular or plural), with its length in words. */
export function menuItemAt(
  words: readonly string[],
  index: number,
): { item: MenuItem; plural: boolean; length: number } | undefined {
  let best: { item: MenuItem; plural: boolean; length: number } | undefined;
  for (const item of MENU) {
    for (const [form, plural] of [
      [item.name, false],
      [item.plural, true],
    ] as const) {
      const formWords = fold(form).split(' ');
      const matches = formWords.every((word, offset) => words[index + offset] === word);
      if (matches && formWords.length > (best?.length ?? 0))
        best = { item, plural, length: formWords.length };
    }
  }
  return best;
}

export function euros(cents: number): string {
  const whole = Math.floor(cents / 100);
  const rest = cents % 100;
  return rest === 0 ? `${whole} euros` : `${whole} euros con ${rest}`;
}
