import { resample } from '../../audio/resample.ts';
import type { AgentDefinition } from '../../spec/agent.ts';
import type { AudioChunk } from '../../spec/audio.ts';
import type { Clock } from '../../spec/clock.ts';
import type { SessionEvent } from '../../spec/events.ts';
import type { SessionObserver } from '../instrument.ts';
import { type AgentTurnAudio, placeAgentAudio } from './agent-track.ts';
import { encodeStereoWav } from './stereo-wav.ts';
import type { RecordingStore } from './store.ts';

export const RECORDING_SAMPLE_RATE = 16_000;
const DAY_MS = 86_400_000;

export interface RecorderOptions {
  readonly sessionId: string;
  readonly agent: AgentDefinition;
  readonly clock: Clock;
  readonly store: RecordingStore;
  /** Added to clock times for wall-clock epoch ms. Default `Date.now() - clock.now()`. */
  readonly epochOffsetMs?: number;
  readonly onProblem?: (message: string, error: unknown) => void;
}

/**
 * Records one conversation as a stereo WAV (caller left, agent right), or nothing at all
 * when the agent's `recording.enabled` is not true. The agent channel holds what the caller
 * heard: frames where they played, pauses kept, cut where an interrupt flushed playback.
 */
export function createRecorder(options: RecorderOptions): SessionObserver | undefined {
  const setting = options.agent.recording;
  if (setting?.enabled !== true) return undefined;
  const { clock } = options;
  const offsetMs = options.epochOffsetMs ?? Date.now() - clock.now();
  const startedAtMs = clock.now();
  const caller: Int16Array[] = [];
  let callerStartMs: number | undefined;
  const turns = new Map<number, AgentTurnAudio>();

  const onEvent = (event: SessionEvent) => {
    const nowMs = clock.now();
    if (event.type === 'agent.audio.start') {
      turns.set(event.turnId, { startedAtMs: nowMs, frames: [], pauses: [] });
      return;
    }
    if (!('turnId' in event)) return;
    const turn = turns.get(event.turnId);
    if (!turn) return;
    if (event.type === 'agent.audio') {
      const { samples, sampleRate } = event.chunk;
      turn.frames.push({ offsetMs: event.offsetMs, samples: samples.slice(), sampleRate });
    } else if (event.type === 'agent.paused') {
      turn.pauses.push({ atMs: nowMs });
    } else if (event.type === 'agent.resumed') {
      const open = turn.pauses.at(-1);
      if (open && open.resumedAtMs === undefined) open.resumedAtMs = nowMs;
    } else if (event.type === 'interrupt') {
      turn.cutAtMs ??= nowMs;
    }
  };

  return {
    onEvent,
    input(chunk: AudioChunk) {
      callerStartMs ??= clock.now() - (chunk.samples.length * 1000) / chunk.sampleRate;
      caller.push(toRecordingRate(chunk.samples, chunk.sampleRate));
    },
    async close() {
      const endMs = clock.now();
      const left = renderCaller(caller, (callerStartMs ?? startedAtMs) - startedAtMs);
      const right = renderAgent([...turns.values()], startedAtMs);
      const wav = encodeStereoWav(left, right, RECORDING_SAMPLE_RATE);
      const durationMs = Math.max(
        endMs - startedAtMs,
        (Math.max(left.length, right.length) * 1000) / RECORDING_SAMPLE_RATE,
      );
      const startedAtEpochMs = startedAtMs + offsetMs;
      try {
        await options.store.save(
          {
            id: options.sessionId,
            agentId: options.agent.id,
            startedAtEpochMs,
            durationMs,
            sampleRate: RECORDING_SAMPLE_RATE,
            expiresAtEpochMs: startedAtEpochMs + (setting.retentionDays ?? 30) * DAY_MS,
          },
          wav,
        );
        await options.store.prune(startedAtEpochMs);
      } catch (error: unknown) {
        (options.onProblem ?? console.error)('parley: saving a recording failed', error);
      }
    },
  };
}

/** A copy at the recording's rate (no filtering when the rate already matches). */
function toRecordingRate(samples: Int16Array, sampleRate: number): Int16Array {
  return sampleRate === RECORDING_SAMPLE_RATE
    ? samples.slice()
    : resample(samples, sampleRate, RECORDING_SAMPLE_RATE);
}

const at = (ms: number) => Math.max(0, Math.round((ms * RECORDING_SAMPLE_RATE) / 1000));

function renderCaller(pieces: readonly Int16Array[], leadMs: number): Int16Array {
  const start = at(leadMs);
  const out = new Int16Array(start + pieces.reduce((n, p) => n + p.length, 0));
  let offset = start;
  for (const piece of pieces) {
    out.set(piece, offset);
    offset += piece.length;
  }
  return out;
}

function renderAgent(turns: readonly AgentTurnAudio[], startedAtMs: number): Int16Array {
  const placed = turns.flatMap(placeAgentAudio).map((p) => ({
    index: at(p.atMs - startedAtMs),
    samples: toRecordingRate(p.samples, p.sampleRate),
  }));
  const length = placed.reduce((n, p) => Math.max(n, p.index + p.samples.length), 0);
  const out = new Int16Array(length);
  for (const p of placed) out.set(p.samples, p.index);
  return out;
}
