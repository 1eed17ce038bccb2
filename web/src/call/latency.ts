import type { TurnMetrics } from '../../../src/spec/metrics.ts';

/**
 * The one figure a person cares about for a turn: from the moment they stopped
 * talking (or released push-to-talk, or sent text) to the moment the reply was
 * audible. The server measures up to the first frame sent (`firstAudioMs`);
 * this page adds its own part, from that frame's `agent.audio.start` arriving
 * to the first sample playing plus the device's output latency.
 */
export interface HeardInputs {
  readonly firstAudioMs?: number;
  /** `agent.audio.start` arrival → first sample played + output latency, ms. */
  readonly playoutDelayMs?: number;
  /** Push-to-talk release → first sample played + output latency, ms (measured here). */
  readonly sincePttUpMs?: number;
}

export function heardMs(inputs: HeardInputs): number | undefined {
  if (inputs.sincePttUpMs !== undefined) return Math.max(0, inputs.sincePttUpMs);
  if (inputs.firstAudioMs === undefined || inputs.playoutDelayMs === undefined) return undefined;
  return Math.max(0, inputs.firstAudioMs) + Math.max(0, inputs.playoutDelayMs);
}

/** The breakdown rows behind "details", in pipeline order, present figures only. */
export const DETAIL_KEYS = [
  'endpointingMs',
  'sttFinalMs',
  'retrievalMs',
  'llmFirstTokenMs',
  'ttsFirstAudioMs',
  'firstAudioMs',
  'heardMs',
  'interruptMs',
] as const;

export type DetailKey = (typeof DETAIL_KEYS)[number];

export function detailRows(
  metrics: Partial<TurnMetrics> & { heardMs?: number },
): [DetailKey, number][] {
  const rows: [DetailKey, number][] = [];
  for (const key of DETAIL_KEYS) {
    const value = metrics[key];
    if (typeof value === 'number') rows.push([key, Math.max(0, Math.round(value))]);
  }
  return rows;
}
