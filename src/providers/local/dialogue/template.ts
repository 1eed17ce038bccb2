/**
 * Reply templates: `{name}`, `{result.a.b}`, `{result.items.0.name}`,
 * `{order_id:digits}` (spaced so TTS reads digit by digit), `{result.eta|soon}`
 * (a default when the value is missing). See README.md.
 */
export interface TemplateValues {
  /** Slot values and tool arguments by name. */
  readonly slots: Readonly<Record<string, unknown>>;
  /** The tool result, when replying after a tool call. */
  readonly result?: unknown;
  /** The tool's error text, when it failed. */
  readonly error?: string;
  readonly language: string;
}

function lookup(root: unknown, path: readonly string[]): unknown {
  let value = root;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

function resolve(path: string, values: TemplateValues): unknown {
  const [head = '', ...rest] = path.split('.');
  if (head === 'result') return lookup(values.result, rest);
  if (head === 'error' && rest.length === 0) return values.error;
  if (path in values.slots) return values.slots[path];
  return lookup(values.slots[head], rest);
}

function isSpanish(language: string): boolean {
  return language.toLowerCase().startsWith('es');
}

/** "a, b and c" / "a, b y c". */
export function joinList(items: readonly string[], language: string): string {
  if (items.length <= 1) return items.join('');
  const and = isSpanish(language) ? 'y' : 'and';
  return `${items.slice(0, -1).join(', ')} ${and} ${items.at(-1) ?? ''}`;
}

/** Speakable text for any JSON value. */
export function speak(value: unknown, language: string): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') {
    const text = String(value);
    return isSpanish(language) ? text.replace('.', ',') : text;
  }
  if (typeof value === 'boolean') {
    if (isSpanish(language)) return value ? 'sí' : 'no';
    return value ? 'yes' : 'no';
  }
  if (Array.isArray(value)) {
    return joinList(
      value.map((item) => speak(item, language)).filter((item) => item !== ''),
      language,
    );
  }
  if (typeof value === 'object') {
    const record = value as Record<string, unknown>;
    const label = record['name'] ?? record['label'] ?? record['title'];
    if (label !== undefined) return speak(label, language);
    return joinList(
      Object.values(record)
        .map((item) => speak(item, language))
        .filter((item) => item !== ''),
      language,
    );
  }
  return JSON.stringify(value);
}

/** `4571` → `4 5 7 1`; `PMP-200` → `P M P 2 0 0`. */
export function spaceCharacters(text: string): string {
  return [...text.replace(/[^\p{L}\p{N}]/gu, '')].join(' ');
}

export function fillTemplate(template: string, values: TemplateValues): string {
  const filled = template.replace(/\{([^{}]+)\}/g, (_whole, inner: string) => {
    const [expression = '', fallback = ''] = inner.split('|');
    const [path = '', format] = expression.trim().split(':');
    const text = speak(resolve(path.trim(), values), values.language);
    if (text === '') return fallback;
    return format?.trim() === 'digits' ? spaceCharacters(text) : text;
  });
  return filled
    .replace(/[ \t]{2,}/g, ' ')
    .replace(/ +([,.!?;:])/g, '$1')
    .trim();
}
