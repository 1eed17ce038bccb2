/**
 * First-audio latency of each local voice (`npm run eval -- tts`): the time from
 * handing a sentence to the engine to its first audio part, median of 5 runs.
 */
import { performance } from 'node:perf_hooks';
import { chooseVoices, describeVoice } from '../src/providers/local/tts/choose-voice.ts';
import { installedVoices } from '../src/providers/local/tts/installed-voices.ts';
import { ttsForChoice } from '../src/providers/local/tts/local.ts';
import type { VoiceChoice } from '../src/providers/local/tts/choose-voice.ts';

const SENTENCE = 'I can help with that, what is your order number?';
const RUNS = 5;

async function* once(text: string): AsyncGenerator<string> {
  yield await Promise.resolve(text);
}

async function firstAudioMs(choice: VoiceChoice, language: string): Promise<number> {
  const controller = new AbortController();
  const started = performance.now();
  const parts = ttsForChoice(choice).stream({
    text: once(SENTENCE),
    sampleRate: 16_000,
    language,
    signal: controller.signal,
  });
  for await (const part of parts) {
    if (part.type === 'audio') {
      controller.abort();
      return performance.now() - started;
    }
    if (part.type === 'error') throw part.error;
  }
  throw new Error(`${describeVoice(choice)} produced no audio`);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
}

export async function measureTtsLatency(): Promise<string[]> {
  const installed = installedVoices();
  const choices: Array<[VoiceChoice, string]> = [
    ...installed.rhvoice.map((voice): [VoiceChoice, string] => [
      { engine: 'rhvoice', voice },
      'en',
    ]),
    ...chooseVoices('es-ES', undefined, installed).map((c): [VoiceChoice, string] => [c, 'es']),
    [{ engine: 'pico', language: 'en-US' }, 'en'],
    [{ engine: 'flite', voice: 'kal16' }, 'en'],
    [{ engine: 'espeak-ng', voice: 'en-us' }, 'en'],
  ];
  const lines: string[] = [];
  for (const [choice, language] of choices) {
    const times: number[] = [];
    for (let run = 0; run < RUNS; run++) times.push(await firstAudioMs(choice, language));
    lines.push(`${describeVoice(choice).padEnd(18)} first audio ${median(times).toFixed(0)} ms`);
  }
  return lines;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const line of await measureTtsLatency()) console.log(line);
}
