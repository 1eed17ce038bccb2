/**
 * What Speex's residual echo suppressor takes off a person talking over a reply, against what
 * the linear filter alone takes, and the echo each leaves (ERLE). Pure and deterministic: the
 * canceller driven as the session drives it (paced-replies.ts), run with the suppressor and
 * without it (residualSuppressDb 0) on the same microphone, and on the echo alone.
 *
 * A person's 20 ms chunk counts when their voice (high-passed as the canceller's output is) is
 * at least PERSON_OVER_ECHO_DB above what the filter alone leaves of the echo there, so the
 * output without the suppressor is mostly them: the suppressor's loss is then the output with it
 * over the output without it, and the filter's loss the output without it over the person plus
 * the echo it leaves alone.
 */
import { createHighPass } from '../../src/audio/echo/high-pass.ts';
import {
  createSpeexEchoCanceller,
  type SpeexEchoOptions,
} from '../../src/audio/echo/speex-canceller.ts';
import { HIGH_PASS_HZ } from '../../src/audio/echo/speex-tuning.ts';
import { MIC_RATE } from './echo-audio.ts';
import { runPacedReplies, type PacedRun } from './paced-replies.ts';
import type { RoomAcoustics } from './room.ts';
import { soundStartMs } from './sound-start.ts';

const CHUNK_MS = 20;
const CHUNK = (MIC_RATE * CHUNK_MS) / 1000;
/** A person's chunk: their voice this far above what the filter leaves of the echo, dB. */
export const PERSON_OVER_ECHO_DB = 6;
/** ...and at least this loud, dBFS. */
const PERSON_FLOOR_DB = -50;
/** Echo at least this loud (dBFS, before noise) counts toward the ERLE. */
const ECHO_ACTIVE_DB = -50;

export interface LossWindow {
  /** The window's start, ms into the reply. */
  readonly fromMs: number;
  /** dB the suppressor took off the person (positive: quieter with it). */
  readonly suppressorDb: number;
  /** dB the linear filter took off the person (positive: quieter than they are). */
  readonly linearDb: number;
  readonly personChunks: number;
}

export interface TalkerOverReply {
  readonly acoustics: RoomAcoustics;
  /** The replies (24 kHz), played one after the other. */
  readonly replies: readonly Int16Array[];
  /** The person (16 kHz, as the microphone hears them), their first sound `atMs` into `reply`. */
  readonly person: Int16Array;
  readonly reply: number;
  readonly atMs: number;
  readonly windowMs: number;
  readonly leadInMs?: number;
  /** The canceller's options in the run with the suppressor (default: its own). */
  readonly suppressor?: Suppressor;
  /** A chunk is the person's when they are this far above the echo the filter leaves, dB. */
  readonly overEchoDb?: number;
}

/** The suppressor's settings to measure (SpeexEchoOptions). */
export type Suppressor = Pick<
  SpeexEchoOptions,
  'residualSuppressDb' | 'residualSuppressActiveDb' | 'suppressFollowsFilter'
>;

const OFF: Suppressor = { residualSuppressDb: 0 };

/** Runs the echo alone, with and without the suppressor (share these across people). */
export function echoAlone(
  acoustics: RoomAcoustics,
  replies: readonly Int16Array[],
  suppressor: Suppressor = {},
  leadInMs = 1_000,
): { readonly on: PacedRun; readonly off: PacedRun } {
  const run = (settings: Suppressor) => {
    const canceller = createSpeexEchoCanceller({ sampleRate: MIC_RATE, ...settings });
    try {
      const paced = replies.map((audio) => ({ parts: [audio] }));
      return runPacedReplies(canceller, acoustics, paced, { leadInMs });
    } finally {
      canceller.close();
    }
  };
  return { on: run(suppressor), off: run(OFF) };
}

/** The person's loss to the suppressor and to the filter, per window of the reply. */
export function personLoss(
  spec: TalkerOverReply,
  alone: { readonly on: PacedRun; readonly off: PacedRun },
): readonly LossWindow[] {
  const atMs = spec.atMs - soundStartMs(spec.person, MIC_RATE);
  const run = (settings: Suppressor) => {
    const canceller = createSpeexEchoCanceller({ sampleRate: MIC_RATE, ...settings });
    try {
      return runPacedReplies(
        canceller,
        spec.acoustics,
        spec.replies.map((audio) => ({ parts: [audio] })),
        {
          leadInMs: spec.leadInMs ?? 1_000,
          talker: { samples: spec.person, reply: spec.reply, atMs },
        },
      );
    } finally {
      canceller.close();
    }
  };
  const on = run(spec.suppressor ?? {});
  const off = run(OFF);
  const start = on.replyStarts[spec.reply]!;
  const end = spec.reply + 1 < on.replyStarts.length ? on.replyStarts[spec.reply + 1]! : Infinity;
  const personDb = personLevels(spec.person, (atMs * MIC_RATE) / 1000);
  const overEchoDb = spec.overEchoDb ?? PERSON_OVER_ECHO_DB;
  const sums = new Map<number, Sums>();
  for (let c = start; c < Math.min(end, on.cleanedDb.length); c++) {
    const person = personDb[c - start];
    const left = alone.off.cleanedDb[c];
    if (person === undefined || left === undefined) continue;
    if (person < PERSON_FLOOR_DB || person < left + overEchoDb) continue;
    const fromMs = Math.floor(((c - start) * CHUNK_MS) / spec.windowMs) * spec.windowMs;
    const sum = sums.get(fromMs) ?? { on: 0, off: 0, onAlone: 0, offAlone: 0, person: 0, count: 0 };
    sum.on += power(on.cleanedDb[c]!);
    sum.off += power(off.cleanedDb[c]!);
    sum.onAlone += power(alone.on.cleanedDb[c]!);
    sum.offAlone += power(left);
    sum.person += power(person);
    sum.count++;
    sums.set(fromMs, sum);
  }
  return [...sums.entries()]
    .sort(([a], [b]) => a - b)
    .map(([fromMs, sum]) => {
      // The person's part of each output: the output less what it leaves of the echo alone.
      const withFilter = Math.max(sum.off - sum.offAlone, sum.off / 100);
      const withSuppressor = Math.max(sum.on - sum.onAlone, sum.on / 100);
      return {
        fromMs,
        suppressorDb: db(withFilter / withSuppressor),
        linearDb: db(sum.person / withFilter),
        personChunks: sum.count,
      };
    });
}

/** Power sums over a window's person chunks. */
interface Sums {
  on: number;
  off: number;
  onAlone: number;
  offAlone: number;
  person: number;
  count: number;
}

/** Echo return loss enhancement of a reply (dB): the echo heard over what the canceller left. */
export function replyErleDb(run: PacedRun, reply: number): number {
  const start = run.replyStarts[reply]!;
  const end = run.replyStarts[reply + 1] ?? run.echoDb.length;
  let echo = 0;
  let left = 0;
  for (let c = start; c < end; c++) {
    if (run.echoDb[c]! < ECHO_ACTIVE_DB) continue;
    echo += power(run.echoDb[c]!);
    left += power(run.cleanedDb[c]!);
  }
  return db(echo / left);
}

/**
 * The person's level per 20 ms chunk of the reply as the canceller's output would carry it
 * (high-passed), they starting `atSamples` into it.
 */
function personLevels(person: Int16Array, atSamples: number): number[] {
  const highPass = createHighPass({ sampleRate: MIC_RATE, cutoffHz: HIGH_PASS_HZ });
  const placed = new Int16Array(atSamples + person.length);
  placed.set(person, atSamples);
  highPass.process(placed, placed);
  const levels: number[] = [];
  for (let at = 0; at + CHUNK <= placed.length; at += CHUNK) {
    let sum = 0;
    for (let i = at; i < at + CHUNK; i++) sum += placed[i]! * placed[i]!;
    levels.push(10 * Math.log10(sum / CHUNK / 2 ** 30 + 1e-10));
  }
  return levels;
}

const power = (levelDb: number) => 10 ** (levelDb / 10);
const db = (ratio: number) => 10 * Math.log10(ratio);
