/**
 * A small front-matter reader for knowledge files: an optional block between
 * `---` lines at the top, holding `key: value` lines and one level of
 * indented sub-keys (`ranges:` then `  name: value`). Not YAML; just enough.
 */
export interface FrontMatter {
  readonly fields: Readonly<Record<string, string>>;
  readonly blocks: Readonly<Record<string, Readonly<Record<string, string>>>>;
  /** The text after the closing `---` (the whole text when there is no header). */
  readonly body: string;
}

const LINE = /^([A-Za-z0-9_.-]+):\s*(.*)$/;

export function parseFrontMatter(text: string): FrontMatter {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  if (lines[0]?.trim() !== '---') return { fields: {}, blocks: {}, body: text };
  const end = lines.findIndex((line, index) => index > 0 && line.trim() === '---');
  if (end < 0) return { fields: {}, blocks: {}, body: text };
  const fields: Record<string, string> = {};
  const blocks: Record<string, Record<string, string>> = {};
  let block: Record<string, string> | undefined;
  for (const line of lines.slice(1, end)) {
    if (line.trim() === '' || line.trim().startsWith('#')) continue;
    const indented = /^\s/.test(line);
    const match = LINE.exec(line.trim().replace(/^-\s*/, ''));
    if (!match) continue;
    const key = match[1] ?? '';
    const value = (match[2] ?? '').trim();
    if (indented && block) {
      block[key] = value;
    } else if (value === '') {
      block = {};
      blocks[key] = block;
    } else {
      block = undefined;
      fields[key] = value;
    }
  }
  return { fields, blocks, body: lines.slice(end + 1).join('\n') };
}
