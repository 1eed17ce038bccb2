/**
 * The echo bench's pure runs (no session, deterministic): replies paced as the session sends
 * them through a speakerphone room, every other one running dry mid-reply and resuming
 * (test/echo/paced-replies.ts). Counts the replies in which some 100 ms of audible echo had a
 * mean echo share under the own-voice threshold — where a VAD onset would read as a person.
 */
import { OWN_VOICE_THRESHOLD } from '../src/audio/echo/own-voice.ts';
import { createSpeexEchoCanceller } from '../src/audio/echo/speex-canceller.ts';
import {
  AGENT_RATE,
  MIC_RATE,
  pinkNoise,
  roomImpulseResponse,
  speech,
  type Voice,
} from '../test/echo/echo-audio.ts';
import { lowestEchoShares } from '../test/echo/lowest-share.ts';
import { type PacedReply, runPacedReplies } from '../test/echo/paced-replies.ts';

export interface PacedCondition {
  readonly gainDb: number;
  readonly delayMs: number;
}

export interface PacedRun {
  readonly voice: Voice;
  readonly replies: number;
  /** Replies with some 100 ms of echo under the own-voice threshold. */
  readonly readAsPerson: number;
  /** The lowest 100 ms mean share of each reply. */
  readonly lowestShares: readonly number[];
}

export async function pacedReadAsPerson(
  voice: Voice,
  condition: PacedCondition,
  replies: number,
): Promise<PacedRun> {
  const parts = [
    await speech('We are open from seven until nine,', voice, AGENT_RATE),
    await speech('every day, and on Sundays until noon.', voice, AGENT_RATE),
  ];
  const firstMs = (parts[0]!.length * 1000) / AGENT_RATE;
  const plan: PacedReply[] = Array.from({ length: replies }, (_, k) => ({
    parts,
    ...(k % 2 === 1 && { partAtMs: [firstMs - 60 + 40 * (1 + (k % 5))] }),
  }));
  const acoustics = {
    impulseResponse: await roomImpulseResponse(50, condition.gainDb, 100),
    delayMs: condition.delayMs,
    noise: Int16Array.from(await pinkNoise(10 * MIC_RATE, -60), Math.round),
  };
  const canceller = createSpeexEchoCanceller({ sampleRate: MIC_RATE });
  try {
    const lowest = lowestEchoShares(runPacedReplies(canceller, acoustics, plan), 5, -55);
    return {
      voice,
      replies,
      readAsPerson: lowest.filter((l) => l.share < OWN_VOICE_THRESHOLD).length,
      lowestShares: lowest.map((l) => Math.round(l.share * 100) / 100),
    };
  } finally {
    canceller.close();
  }
}
