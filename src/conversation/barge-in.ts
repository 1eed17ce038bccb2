import type { InterruptionConfig } from '../spec/turn.ts';
import { interruptingWordCount, isBackchannel } from '../listen/backchannel.ts';

/**
 * Barge-in as a pure reducer. The runner feeds it what happens while the agent
 * is speaking (or paused) and acts on the returned action:
 *
 *   idle ──speech-start──► pending ──enough speech──► paused ──words──► interrupt
 *                            │                          │
 *                            └──words────────► interrupt└──no words in time / backchannel──► resume
 *
 * `pause` stops outgoing audio at once (cheap, reversible); `interrupt` makes
 * it final (flush the client, abort the reply); `resume` undoes a pause.
 */
export type BargeInPhase = 'idle' | 'pending' | 'paused';

export interface BargeInState {
  readonly phase: BargeInPhase;
  readonly onsetMs: number;
  readonly speaking: boolean;
  /** What the user has said since the onset (interim or final text). */
  readonly text: string;
}

export type BargeInInput =
  | { readonly type: 'speech-start'; readonly nowMs: number }
  | { readonly type: 'speech-end'; readonly nowMs: number }
  | { readonly type: 'transcript'; readonly nowMs: number; readonly text: string }
  | { readonly type: 'tick'; readonly nowMs: number };

export type BargeInAction = 'none' | 'pause' | 'resume' | 'interrupt';

export interface BargeInStep {
  readonly state: BargeInState;
  readonly action: BargeInAction;
}

export const IDLE_BARGE_IN: BargeInState = { phase: 'idle', onsetMs: 0, speaking: false, text: '' };

function hasEnoughWords(text: string, config: InterruptionConfig): boolean {
  return interruptingWordCount(text, config.backchannels) >= Math.max(1, config.minWords);
}

export function stepBargeIn(
  state: BargeInState,
  input: BargeInInput,
  config: InterruptionConfig,
): BargeInStep {
  const stay = (next: BargeInState = state): BargeInStep => ({ state: next, action: 'none' });
  const to = (action: BargeInAction): BargeInStep => ({ state: IDLE_BARGE_IN, action });

  switch (input.type) {
    case 'speech-start':
      if (state.phase === 'idle') {
        return stay({ phase: 'pending', onsetMs: input.nowMs, speaking: true, text: '' });
      }
      return stay({ ...state, speaking: true });

    case 'transcript': {
      if (state.phase === 'idle') return stay();
      const next = { ...state, text: input.text };
      if (hasEnoughWords(input.text, config)) return to('interrupt');
      if (
        state.phase === 'paused' &&
        !state.speaking &&
        isBackchannel(input.text, config.backchannels)
      ) {
        return to('resume');
      }
      return stay(next);
    }

    case 'speech-end':
      if (state.phase === 'pending') return to('none');
      if (state.phase === 'paused' && isBackchannel(state.text, config.backchannels)) {
        return to('resume');
      }
      return stay({ ...state, speaking: false });

    case 'tick':
      return tick(state, input.nowMs, config);
  }
}

function tick(state: BargeInState, nowMs: number, config: InterruptionConfig): BargeInStep {
  const elapsedMs = nowMs - state.onsetMs;
  if (state.phase === 'pending') {
    const backchannelSoFar = state.text !== '' && isBackchannel(state.text, config.backchannels);
    if (config.requireWordsToPause || backchannelSoFar || elapsedMs < config.minSpeechMs) {
      return { state, action: 'none' };
    }
    if (config.minWords === 0) return { state: IDLE_BARGE_IN, action: 'interrupt' };
    return { state: { ...state, phase: 'paused' }, action: 'pause' };
  }
  if (state.phase === 'paused' && elapsedMs >= config.falseInterruptionTimeoutMs) {
    return { state: IDLE_BARGE_IN, action: 'resume' };
  }
  return { state, action: 'none' };
}

/** When the runner should send the next `tick`, if any. */
export function nextBargeInDeadline(
  state: BargeInState,
  config: InterruptionConfig,
): number | undefined {
  if (state.phase === 'pending') {
    const backchannelSoFar = state.text !== '' && isBackchannel(state.text, config.backchannels);
    if (config.requireWordsToPause || backchannelSoFar) return undefined;
    return state.onsetMs + config.minSpeechMs;
  }
  if (state.phase === 'paused') return state.onsetMs + config.falseInterruptionTimeoutMs;
  return undefined;
}
