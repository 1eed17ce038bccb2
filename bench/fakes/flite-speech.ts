import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { parseWav, resample } from '../../src/audio/index.ts';

const run = promisify(execFile);

/** `text` spoken by flite's kal16 voice, as 16 kHz mono PCM16. */
export async function fliteSpeech(text: string): Promise<Int16Array> {
  const dir = await mkdtemp(join(tmpdir(), 'parley-bench-'));
  try {
    const file = join(dir, 'speech.wav');
    await run('flite', ['-voice', 'kal16', '-t', text, '-o', file]);
    const wav = parseWav(new Uint8Array(await readFile(file)));
    return wav.sampleRate === 16_000 ? wav.samples : resample(wav.samples, wav.sampleRate, 16_000);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
