import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { ProviderError } from '../spec/errors.ts';

const run = promisify(execFile);

/** Knowledge file extensions that ingestion reads. */
export const KNOWLEDGE_FILE = /\.(md|markdown|txt|pdf)$/i;

/**
 * A knowledge file as text. Markdown and text are read as UTF-8; PDFs go
 * through poppler's `pdftotext` (Debian `poppler-utils`), pages joined by
 * blank lines so the chunker splits them as paragraphs.
 */
export async function readKnowledgeFile(path: string, signal: AbortSignal): Promise<string> {
  if (!/\.pdf$/i.test(path)) return readFile(path, { encoding: 'utf8', signal });
  try {
    const { stdout } = await run('pdftotext', ['-enc', 'UTF-8', path, '-'], {
      signal,
      maxBuffer: 64 * 1024 * 1024,
    });
    return stdout.replace(/\f/g, '\n\n');
  } catch (error) {
    if (signal.aborted) throw error;
    const missing = (error as { code?: unknown }).code === 'ENOENT';
    throw new ProviderError(
      missing
        ? 'pdftotext is not installed (Debian package poppler-utils); cannot read PDF knowledge'
        : `pdftotext failed on ${path}`,
      { provider: 'pdftotext', retryable: false, cause: error },
    );
  }
}
