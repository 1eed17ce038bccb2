import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseWav } from '../../src/audio/wav.ts';
import { run, type ProcessResult } from './sip-harness.ts';

/**
 * baresip as a real softphone: its microphone is a WAV file (aufile), and the sndfile filter
 * records what it decoded from the far end. A temporary config directory keeps it off the
 * machine's own configuration; it listens on 127.0.0.1 only.
 */
export async function writeBaresipConfig(dir: string, micWav: string): Promise<string> {
  const recordings = join(dir, 'recordings');
  await mkdir(recordings, { recursive: true });
  const config = [
    'poll_method poll',
    'sip_listen 127.0.0.1:0',
    'sip_transports udp',
    'audio_player aubridge,nil',
    `audio_source aufile,${micWav}`,
    'audio_alert aubridge,nil',
    'module_path /usr/lib/baresip/modules',
    'module g711.so',
    'module aufile.so',
    'module aubridge.so',
    'module sndfile.so',
    'module_app account.so',
    'module_app menu.so',
    `snd_path ${recordings}`,
    '',
  ].join('\n');
  await writeFile(join(dir, 'config'), config);
  await writeFile(join(dir, 'accounts'), '<sip:caller@127.0.0.1>;regint=0;audio_codecs=PCMU\n');
  return recordings;
}

/** Dials `uri`; the call ends when the microphone file ends (or after `quitAfterS`). */
export function dial(dir: string, uri: string, quitAfterS: number): Promise<ProcessResult> {
  return run(
    'baresip',
    ['-f', dir, '-e', `/dial ${uri}`, '-t', String(quitAfterS)],
    dir,
    (quitAfterS + 15) * 1000,
  );
}

/** What the softphone heard: the `-dec.wav` recording, at 8 kHz. */
export async function readRecording(recordings: string): Promise<Int16Array> {
  const files = (await readdir(recordings)).filter((name) => name.endsWith('-dec.wav'));
  if (files.length !== 1) throw new Error(`expected one recording, found ${files.join(', ')}`);
  const wav = parseWav(await readFile(join(recordings, files[0]!)));
  if (wav.sampleRate !== 8000) throw new Error(`recording at ${wav.sampleRate} Hz`);
  return wav.samples;
}

/** The best normalised correlation of `needle` anywhere in `haystack` (1 = identical shape). */
export function bestCorrelation(haystack: Int16Array, needle: Int16Array): number {
  let needleEnergy = 0;
  for (const value of needle) needleEnergy += value * value;
  let best = 0;
  for (let offset = 0; offset + needle.length <= haystack.length; offset++) {
    let dot = 0;
    let energy = 0;
    for (let i = 0; i < needle.length; i++) {
      const value = haystack[offset + i]!;
      dot += value * needle[i]!;
      energy += value * value;
    }
    if (energy > 0) best = Math.max(best, dot / Math.sqrt(energy * needleEnergy));
  }
  return best;
}
