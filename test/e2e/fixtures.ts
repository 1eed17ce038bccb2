import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** One phase of the fake microphone: speech (flite kal16) or silence. */
export type MicPhase = { readonly say: string } | { readonly silenceMs: number };

/**
 * Builds the fake-microphone WAV for Chromium: 16-bit PCM, mono, 48 kHz
 * (Chromium resamples a file at another rate, but 48 kHz matches its capture rate).
 */
export async function buildMicWav(dir: string, phases: readonly MicPhase[]): Promise<string> {
  const parts: string[] = [];
  for (const [index, phase] of phases.entries()) {
    const file = join(dir, `part-${index}.wav`);
    if ('say' in phase) {
      const raw = join(dir, `raw-${index}.wav`);
      await run('flite', ['-voice', 'kal16', '-t', phase.say, '-o', raw]);
      await run('sox', [raw, '-r', '48000', '-c', '1', '-b', '16', file]);
    } else {
      const seconds = (phase.silenceMs / 1000).toFixed(3);
      await run('sox', ['-n', '-r', '48000', '-c', '1', '-b', '16', file, 'trim', '0', seconds]);
    }
    parts.push(file);
  }
  const out = join(dir, 'mic.wav');
  await run('sox', [...parts, out]);
  return out;
}
