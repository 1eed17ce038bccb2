import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { TestSpeechError } from './voices.ts';

const run = promisify(execFile);

/** Non-speech sounds a microphone picks up, synthesised with sox as shaped noise bursts. */
export const TEST_SOUNDS = ['cough', 'door-slam'] as const;
export type TestSound = (typeof TEST_SOUNDS)[number];

const FORMAT = ['-r', '16000', '-c', '1', '-b', '16', '-e', 'signed-integer'];

/**
 * sox effect chains (`-R` makes the noise repeatable):
 * - cough: two band-limited pink-noise bursts (about 200 ms and 140 ms, 80 ms apart) with a
 *   sharp attack and a quick decay, peaking near -3 dBFS, like a short double cough;
 * - door slam: a low-passed brown-noise thud with a 2 ms attack and a 450 ms decay, normalised
 *   to -1 dBFS, plus the 70 Hz body of the door.
 */
const RECIPES: Readonly<Record<TestSound, readonly (readonly string[])[]>> = {
  cough: [
    ['synth', '0.2', 'pinknoise', 'band', '900', '700', 'fade', 'q', '0.01', '0.2', '0.15'],
    ['synth', '0.08', 'sine', '0', 'vol', '0'],
    ['synth', '0.14', 'pinknoise', 'band', '800', '600', 'fade', 'q', '0.01', '0.14', '0.1'],
  ],
  'door-slam': [
    [
      'synth',
      '0.5',
      'brownnoise',
      'synth',
      '0.5',
      'sine',
      'mix',
      '70',
      'lowpass',
      '500',
      'fade',
      'l',
      '0.002',
      '0.5',
      '0.45',
    ],
  ],
};

/** Writes the sound as one 16 kHz WAV at `outFile` (parts rendered beside it, then joined). */
export async function renderSound(
  sound: TestSound,
  outFile: string,
  signal: AbortSignal,
): Promise<void> {
  const parts = RECIPES[sound].map((_, i) => `${outFile}.part${i}.wav`);
  const level = sound === 'cough' ? ['norm', '-3'] : ['norm', '-1'];
  try {
    for (const [i, effects] of RECIPES[sound].entries()) {
      await run('sox', ['-R', '-n', ...FORMAT, parts[i]!, ...effects], { signal });
    }
    await run('sox', [...parts, ...FORMAT, outFile, ...level], { signal });
  } catch (error: unknown) {
    throw new TestSpeechError(`sox could not make the ${sound} sound`, { cause: error });
  }
}
