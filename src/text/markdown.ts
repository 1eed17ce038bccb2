/**
 * Removes Markdown so a TTS voice does not read out the markup. Line rules
 * (fences, headings, quotes, bullets, tables, rules) run first, then inline
 * rules (images, links, code, emphasis, strike-through).
 */
function stripLine(line: string): string {
  if (/^\s*(?:`{3,}|~{3,})/.test(line)) return ''; // code fence
  if (/^\s*(?:[-*_]\s*){3,}$/.test(line)) return ''; // horizontal rule
  if (/^\s*\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?\s*$/.test(line)) return ''; // table divider
  let out = line
    .replace(/^\s{0,3}#{1,6}\s+/, '')
    .replace(/^\s*(?:>\s?)+/, '')
    .replace(/^\s*[-*+•]\s+/, '');
  if (/^\s*\|.*\|\s*$/.test(out)) {
    out = out
      .trim()
      .replace(/^\||\|$/g, '')
      .split('|')
      .map((cell) => cell.trim())
      .filter((cell) => cell !== '')
      .join(', ');
  }
  return out;
}

export function stripMarkdown(text: string): string {
  const lines = text.split('\n').map(stripLine).join('\n');
  return lines
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]+)\]\([^)]*\)/g, '$1')
    .replace(/`+([^`]*)`+/g, '$1')
    .replace(/(\*\*|__)(?=\S)(.+?)(?<=\S)\1/g, '$2')
    .replace(/(^|[^\p{L}\p{N}*])\*(?=\S)([^*\n]+?)(?<=\S)\*(?![\p{L}\p{N}])/gu, '$1$2')
    .replace(/(^|[^\p{L}\p{N}_])_(?=\S)([^_\n]+?)(?<=\S)_(?![\p{L}\p{N}])/gu, '$1$2')
    .replace(/~~(.+?)~~/g, '$1');
}
