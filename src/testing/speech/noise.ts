import { execFile } from 'node:child_process';
import { mkdir, readFile, rename } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { parseWav } from '../../audio/wav.ts';
import { activeRms } from './span.ts';
import { TestSpeechError } from './voices.ts';

const run = promisify(execFile);

/** A background noise a microphone hears all the time, with the level it should be mixed at. */
export interface NoiseBed {
  readonly samples: Int16Array;
  /** Multiply the bed by this before adding it to speech. */
  readonly gain: number;
}

const BED_SECONDS = 30;

/**
 * 30 s of pink noise (sox, repeatable), cached in `cacheDir`, scaled so that speech at
 * the level of `reference` is `snrDb` above it (RMS over the active part of the speech).
 */
export async function noiseBed(
  cacheDir: string,
  reference: Int16Array,
  snrDb: number,
  signal: AbortSignal,
): Promise<NoiseBed> {
  const file = join(cacheDir, `pink-noise-${BED_SECONDS}s.wav`);
  const cached = await readFile(file).catch((error: unknown) => {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new TestSpeechError(`cannot read the cached noise bed ${file}`, { cause: error });
  });
  let samples: Int16Array;
  if (cached !== undefined) samples = parseWav(new Uint8Array(cached)).samples;
  else {
    await mkdir(cacheDir, { recursive: true });
    const tmp = `${file}.${process.pid}.tmp.wav`;
    try {
      await run(
        'sox',
        [
          '-R',
          '-n',
          '-r',
          '16000',
          '-c',
          '1',
          '-b',
          '16',
          tmp,
          'synth',
          `${BED_SECONDS}`,
          'pinknoise',
          'norm',
          '-20',
        ],
        { signal },
      );
      await rename(tmp, file);
    } catch (error: unknown) {
      throw new TestSpeechError('sox could not make the noise bed', { cause: error });
    }
    samples = parseWav(new Uint8Array(await readFile(file))).samples;
  }
  const noiseRms = rms(samples);
  const speechRms = activeRms(reference);
  if (noiseRms === 0 || speechRms === 0) throw new TestSpeechError('cannot set an SNR on silence');
  return { samples, gain: speechRms / (noiseRms * 10 ** (snrDb / 20)) };
}

function rms(samples: Int16Array): number {
  let sum = 0;
  for (const sample of samples) sum += sample * sample;
  return Math.sqrt(sum / Math.max(1, samples.length));
}
