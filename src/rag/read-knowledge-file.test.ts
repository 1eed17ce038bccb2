import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { readKnowledgeFile } from './read-knowledge-file.ts';

const signal = new AbortController().signal;
const noPdftotext = !['/usr/bin/pdftotext', '/usr/local/bin/pdftotext'].some((p) => existsSync(p));

/** A one-page PDF showing `line`, with a correct cross-reference table. */
function tinyPdf(line: string): Buffer {
  const stream = `BT /F1 12 Tf 72 720 Td (${line}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>',
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
  ];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((object, i) => {
    offsets.push(body.length);
    body += `${i + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xrefAt = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) body += `${String(offset).padStart(10, '0')} 00000 n \n`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xrefAt}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

describe('readKnowledgeFile', () => {
  it('reads markdown as UTF-8 text', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'parley-read-'));
    try {
      await writeFile(join(dir, 'a.md'), '# Título\n');
      assert.equal(await readKnowledgeFile(join(dir, 'a.md'), signal), '# Título\n');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it(
    'extracts the text of a PDF with pdftotext',
    { skip: noPdftotext ? 'pdftotext missing: install poppler-utils (scripts/setup.sh)' : false },
    async () => {
      const dir = await mkdtemp(join(tmpdir(), 'parley-read-'));
      try {
        await writeFile(join(dir, 'policy.pdf'), tinyPdf('Refunds take five working days'));
        const text = await readKnowledgeFile(join(dir, 'policy.pdf'), signal);
        assert.match(text, /Refunds take five working days/);
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
  );
});
