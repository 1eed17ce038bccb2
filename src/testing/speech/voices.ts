import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * Voices for test speech that the rest of the project does not test with:
 * flite's slt, awb and rms; RHVoice's clb and bdl (Debian non-free); SVOX Pico en-US.
 */
export const TEST_VOICES = [
  'flite-slt',
  'flite-awb',
  'flite-rms',
  'rhvoice-clb',
  'rhvoice-bdl',
  'pico-en-US',
] as const;
export type TestVoice = (typeof TEST_VOICES)[number];

/** A speech engine's command line failed (missing package, bad voice …). */
export class TestSpeechError extends Error {
  override readonly name = 'TestSpeechError';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** Speaks `text` with `voice` into `rawFile` (the engine's own rate and format). */
export async function renderVoice(
  voice: TestVoice,
  text: string,
  rawFile: string,
  signal: AbortSignal,
): Promise<void> {
  const [engine, name] = voice.split('-', 2) as [string, string];
  try {
    if (engine === 'flite') {
      await run('flite', ['-voice', name, '-t', text, '-o', rawFile], { signal });
    } else if (engine === 'rhvoice') {
      const textFile = `${rawFile}.txt`;
      await writeFile(textFile, text);
      await run('RHVoice-test', ['-p', name, '-i', textFile, '-o', rawFile], { signal });
    } else {
      await run('pico2wave', ['-l', voice.slice('pico-'.length), '-w', rawFile, text], { signal });
    }
  } catch (error: unknown) {
    throw new TestSpeechError(`${voice} could not say "${text}"`, { cause: error });
  }
}

/** Converts any WAV to 16 kHz mono PCM16 with sox. */
export async function toPcm16k(
  inFile: string,
  outFile: string,
  signal: AbortSignal,
): Promise<void> {
  try {
    await run(
      'sox',
      [inFile, '-r', '16000', '-c', '1', '-b', '16', '-e', 'signed-integer', outFile],
      {
        signal,
      },
    );
  } catch (error: unknown) {
    throw new TestSpeechError(`sox could not convert ${inFile}`, { cause: error });
  }
}
