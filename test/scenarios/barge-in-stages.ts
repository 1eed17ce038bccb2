import type { Recording } from './run.ts';

/**
 * Where the time of a barge-in went, as the client saw it: ms from sending the frame that holds
 * the true onset to the arrival of the VAD's `user.speech-start`, the first interim, the first
 * interim holding a word of the sentence said, `agent.paused` and `interrupt`.
 */
export interface BargeInStages {
  readonly speechStartMs?: number;
  readonly firstInterimMs?: number;
  readonly firstRightWordMs?: number;
  readonly pausedMs?: number;
  readonly interruptMs?: number;
}

export const STAGE_NAMES = [
  'speechStartMs',
  'firstInterimMs',
  'firstRightWordMs',
  'pausedMs',
  'interruptMs',
] as const;

const words = (text: string) => text.toLowerCase().match(/[a-z']+/g) ?? [];

/** The stages of the barge-in in `recording`, for a clip that said `said`. */
export function bargeInStages(recording: Recording, said: string): BargeInStages | undefined {
  const onsetMs = recording.spansSentAtMs[0]?.startMs;
  if (onsetMs === undefined || Number.isNaN(onsetMs)) return undefined;
  const after = recording.messages.filter((r) => r.atMs >= onsetMs);
  const saidWords = new Set(words(said));
  const since = (predicate: (type: string, text: string) => boolean) => {
    const found = after.find((r) =>
      predicate(r.message.type, typeof r.message['text'] === 'string' ? r.message['text'] : ''),
    );
    return found === undefined ? undefined : Math.round(found.atMs - onsetMs);
  };
  const ofType = (wanted: string) => (type: string) => type === wanted;
  const stages = {
    speechStartMs: since(ofType('user.speech-start')),
    firstInterimMs: since((type) => type === 'transcript.interim'),
    firstRightWordMs: since(
      (type, text) => type.startsWith('transcript.') && words(text).some((w) => saidWords.has(w)),
    ),
    pausedMs: since(ofType('agent.paused')),
    interruptMs: since(ofType('interrupt')),
  };
  return Object.fromEntries(Object.entries(stages).filter(([, value]) => value !== undefined));
}

/** The p50 of each stage over `all`, as one line. */
export function stageMedians(all: readonly BargeInStages[]): string {
  return STAGE_NAMES.map((name) => {
    const values = all.map((s) => s[name]).filter((v): v is number => v !== undefined);
    values.sort((a, b) => a - b);
    const p50 = values[Math.floor(values.length / 2)];
    return `${name} ${p50 ?? '–'} (${values.length})`;
  }).join(', ');
}
