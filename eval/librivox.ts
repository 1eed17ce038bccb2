/**
 * Word error of the offline recogniser (open vocabulary, no grammar) on the
 * human speech in Debian's pocketsphinx-testdata: five LibriVox clips of
 * "Sense and Sensibility" with their transcripts.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseWav } from '../src/audio/wav.ts';
import { wordErrorRate } from '../src/providers/local/stt/test-speech.ts';
import type { PocketsphinxSttOptions } from '../src/providers/local/stt/index.ts';
import { transcribeDetailed } from './transcribe.ts';

export const LIBRIVOX_DIR = '/usr/share/pocketsphinx/test/data/librivox';

/** `<s> words </s> (file-id)` lines → [file id, words]. */
export function parseTranscription(text: string): [string, string][] {
  return text
    .split('\n')
    .map((line) => /^<s>\s*(.*?)\s*<\/s>\s*\(([^)]+)\)\s*$/.exec(line.trim()))
    .filter((match): match is RegExpExecArray => match !== null)
    .map((match) => [match[2] ?? '', match[1] ?? '']);
}

export async function librivoxWordError(
  signal: AbortSignal,
  options: PocketsphinxSttOptions = {},
): Promise<{ wer: number; words: number; lines: string[] }> {
  const transcripts = parseTranscription(
    await readFile(join(LIBRIVOX_DIR, 'transcription'), 'utf8'),
  );
  const clips = await Promise.all(
    transcripts.map(
      async ([id]) =>
        parseWav(new Uint8Array(await readFile(join(LIBRIVOX_DIR, `${id}.wav`)))).samples,
    ),
  );
  const heard = (await transcribeDetailed(clips, {}, true, signal, options)).map((t) => t.text);
  let errors = 0;
  let words = 0;
  const lines: string[] = [];
  for (const [index, [, reference]] of transcripts.entries()) {
    const count = reference.split(/\s+/).length;
    const wer = wordErrorRate(reference, heard[index] ?? '');
    errors += wer * count;
    words += count;
    lines.push(`  ${(wer * 100).toFixed(0).padStart(3)} %  "${heard[index] ?? ''}"`);
  }
  return { wer: errors / words, words, lines };
}
