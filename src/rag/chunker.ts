import { parseFrontMatter } from './front-matter.ts';

export interface TextChunk {
  /** Position within the file, from 0. */
  readonly index: number;
  /** Headings above the chunk, outermost first. */
  readonly headingPath: readonly string[];
  /** The heading path on one line, then the body: what is embedded and shown. */
  readonly text: string;
  /** Scalar front-matter fields of the file (e.g. `component`). */
  readonly fields: Readonly<Record<string, string>>;
}

export interface ChunkOptions {
  /** Paragraphs of one section are grouped up to this many characters; default 900. */
  readonly maxChars?: number;
}

const HEADING = /^(#{1,6})\s+(.+?)\s*#*\s*$/;

/**
 * Markdown or plain text → chunks, split at headings and then at paragraph
 * boundaries so a chunk stays under `maxChars` (a single longer paragraph
 * stays whole). Deterministic: the same text always gives the same chunks.
 */
export function chunkMarkdown(markdown: string, options: ChunkOptions = {}): TextChunk[] {
  const maxChars = options.maxChars ?? 900;
  const { fields, body } = parseFrontMatter(markdown);
  const chunks: TextChunk[] = [];
  const path: string[] = [];
  let paragraphs: string[] = [];
  let current: string[] = [];

  const flushParagraph = (): void => {
    const paragraph = current.join('\n').trim();
    if (paragraph) paragraphs.push(paragraph);
    current = [];
  };
  const flushSection = (): void => {
    flushParagraph();
    let group: string[] = [];
    const emit = (): void => {
      if (group.length === 0) return;
      const heading = path.join(' > ');
      const text = heading ? `${heading}\n${group.join('\n\n')}` : group.join('\n\n');
      chunks.push({ index: chunks.length, headingPath: [...path], text, fields });
      group = [];
    };
    for (const paragraph of paragraphs) {
      const size = group.reduce((sum, p) => sum + p.length + 2, 0);
      if (group.length > 0 && size + paragraph.length > maxChars) emit();
      group.push(paragraph);
    }
    emit();
    paragraphs = [];
  };

  for (const line of body.replace(/\r\n?/g, '\n').split('\n')) {
    const heading = HEADING.exec(line);
    if (heading) {
      flushSection();
      const level = heading[1]?.length ?? 1;
      path.length = Math.min(path.length, level - 1);
      path.push(heading[2] ?? '');
    } else if (line.trim() === '') {
      flushParagraph();
    } else {
      current.push(line);
    }
  }
  flushSection();
  return chunks;
}
