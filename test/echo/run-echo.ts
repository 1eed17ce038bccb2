/** Drives an echo canceller the way a session does: 20 ms steps, agent audio sent 60 ms ahead. */
import type { EchoCanceller } from '../../src/spec/echo.ts';
import { AGENT_RATE, MIC_RATE } from './echo-audio.ts';

export interface EchoRun {
  readonly cleaned: Int16Array;
  /** echoShare of each 20 ms microphone chunk. */
  readonly shares: readonly number[];
}

export function runThrough(
  canceller: EchoCanceller,
  agent24k: Int16Array,
  mic16k: Int16Array,
  options: { chunkMs?: number; leadMs?: number } = {},
): EchoRun {
  const chunkMs = options.chunkMs ?? 20;
  const leadMs = options.leadMs ?? 60;
  const micChunk = (chunkMs * MIC_RATE) / 1000;
  const agentPerMs = AGENT_RATE / 1000;
  const cleaned = new Int16Array(mic16k.length);
  const shares: number[] = [];
  let sentUpTo = 0;
  for (let offset = 0; offset < mic16k.length; offset += micChunk) {
    const nowMs = (offset / MIC_RATE) * 1000;
    const sendTo = Math.min(agent24k.length, Math.round((nowMs + chunkMs + leadMs) * agentPerMs));
    if (sendTo > sentUpTo) {
      canceller.pushFarEnd({
        samples: agent24k.subarray(sentUpTo, sendTo),
        sampleRate: AGENT_RATE,
      });
      sentUpTo = sendTo;
    }
    const result = canceller.processNearEnd({
      samples: mic16k.subarray(offset, offset + micChunk),
      sampleRate: MIC_RATE,
    });
    cleaned.set(result.cleaned.samples, offset);
    shares.push(result.echoShare);
  }
  return { cleaned, shares };
}

/** Echo return loss enhancement (dB) over the 10 ms frames from `fromMs` where the mic holds signal. */
export function erleDb(
  mic: Int16Array,
  cleaned: Int16Array,
  fromMs: number,
  toMs = Infinity,
): number {
  const frame = MIC_RATE / 100;
  let micEnergy = 0;
  let cleanedEnergy = 0;
  const first = Math.round((fromMs * MIC_RATE) / 1000);
  const last = Math.min(
    mic.length,
    toMs === Infinity ? mic.length : Math.round((toMs * MIC_RATE) / 1000),
  );
  for (let start = first; start + frame <= last; start += frame) {
    let m = 0;
    let c = 0;
    for (let i = start; i < start + frame; i++) {
      m += mic[i]! * mic[i]!;
      c += cleaned[i]! * cleaned[i]!;
    }
    if (m / frame < (32768 * 10 ** (-50 / 20)) ** 2) continue;
    micEnergy += m;
    cleanedEnergy += c;
  }
  return 10 * Math.log10(micEnergy / Math.max(1, cleanedEnergy));
}
