import type { ServerMessage } from '../../../src/transport/messages.ts';

/** What the call header shows. One phase at a time; `muted` and `micOpen` live beside it. */
export type CallPhase =
  | 'idle'
  | 'connecting'
  | 'listening'
  | 'user-speaking'
  | 'thinking'
  | 'agent-speaking'
  | 'paused'
  | 'interrupted'
  | 'reconnecting'
  | 'ended'
  | 'failed';

/** Why a call is reconnecting, ended or failed; the page turns it into plain words. */
export type CallReason =
  | { readonly kind: 'unreachable' }
  | { readonly kind: 'dropped'; readonly detail: string }
  | { readonly kind: 'unknown-agent' }
  | { readonly kind: 'unauthorized' }
  | { readonly kind: 'server-refused'; readonly message: string }
  | { readonly kind: 'expired' }
  | { readonly kind: 'hung-up' };

export interface CallState {
  readonly phase: CallPhase;
  readonly reason?: CallReason;
  /** A session was ready at least once since Start. */
  readonly everReady: boolean;
  /** Reconnect attempts since the last ready session. */
  readonly attempt: number;
}

/** Inputs besides server messages: the user's buttons, the socket and the local player. */
export type CallInput =
  | ServerMessage
  | { readonly type: 'call.start' }
  | { readonly type: 'call.end' }
  | { readonly type: 'socket.open' }
  | { readonly type: 'socket.closed'; readonly detail: string }
  | { readonly type: 'playback.started'; readonly turnId: number }
  | { readonly type: 'playback.ended'; readonly turnId: number }
  | { readonly type: 'ptt.down' }
  | { readonly type: 'ptt.up' };

export interface CallStep {
  readonly state: CallState;
  /** Open a new socket after this many ms. */
  readonly reconnectInMs?: number;
  /** Close the socket now (a refusal the server will not change its mind about). */
  readonly closeSocket?: boolean;
}

export const MAX_RECONNECT_ATTEMPTS = 5;

/** 0.5 s, 1 s, 2 s, 4 s, 8 s: doubling, capped at 8 s. */
export function reconnectDelayMs(attempt: number): number {
  return Math.min(8_000, 500 * 2 ** Math.max(0, attempt - 1));
}

export const INITIAL_CALL: CallState = { phase: 'idle', everReady: false, attempt: 0 };

const OVER: readonly CallPhase[] = ['idle', 'ended', 'failed'];
const AGENT_AUDIBLE: readonly CallPhase[] = ['agent-speaking', 'paused'];

/** The call header's state machine: pure, one input at a time. */
export function stepCall(state: CallState, input: CallInput): CallStep {
  const to = (phase: CallPhase, extra: Partial<CallState> = {}): CallStep => ({
    state: { ...state, phase, ...extra, ...(extra.reason ? {} : { reason: undefined }) },
  });
  const stay: CallStep = { state };
  if (input.type === 'call.start') {
    return OVER.includes(state.phase)
      ? { state: { phase: 'connecting', everReady: false, attempt: 0 } }
      : stay;
  }
  if (OVER.includes(state.phase)) return stay; // nothing moves a call that is not running
  switch (input.type) {
    case 'call.end':
      return { ...to('ended', { reason: { kind: 'hung-up' } }), closeSocket: true };
    case 'socket.closed': {
      if (state.attempt >= MAX_RECONNECT_ATTEMPTS) {
        const reason: CallReason = state.everReady
          ? { kind: 'dropped', detail: input.detail }
          : { kind: 'unreachable' };
        return to('failed', { reason });
      }
      const attempt = state.attempt + 1;
      const reason: CallReason = state.everReady
        ? { kind: 'dropped', detail: input.detail }
        : { kind: 'unreachable' };
      return {
        ...to('reconnecting', { attempt, reason }),
        reconnectInMs: reconnectDelayMs(attempt),
      };
    }
    case 'socket.open':
      return state.phase === 'reconnecting' ? to('connecting', { attempt: state.attempt }) : stay;
    case 'session.ready':
      return to('listening', { everReady: true, attempt: 0 });
    case 'error':
      return onError(state, input, to);
    case 'ptt.down':
      return state.phase === 'listening' || state.phase === 'interrupted'
        ? to('user-speaking')
        : stay;
    case 'ptt.up':
      return state.phase === 'user-speaking' ? to('listening') : stay;
    case 'user.speech-start':
      return ['listening', 'thinking', 'interrupted'].includes(state.phase)
        ? to('user-speaking')
        : stay;
    case 'user.speech-end':
      return state.phase === 'user-speaking' || state.phase === 'interrupted'
        ? to('listening')
        : stay;
    case 'turn.start':
      return state.phase === 'connecting' ? stay : to('thinking');
    case 'playback.started':
      return state.phase === 'connecting' ? stay : to('agent-speaking');
    case 'playback.ended':
      return AGENT_AUDIBLE.includes(state.phase) ? to('listening') : stay;
    case 'agent.paused':
      return state.phase === 'agent-speaking' ? to('paused') : stay;
    case 'agent.resumed':
      return state.phase === 'paused' ? to('agent-speaking') : stay;
    case 'interrupt':
      return to('interrupted');
    case 'turn.end':
      // A reply with no audio (or none left to play) hands the floor back.
      return state.phase === 'thinking' && !input.interrupted ? to('listening') : stay;
    case 'transcript.interim':
    case 'transcript.final':
    case 'agent.text':
    case 'agent.word':
    case 'agent.audio.start':
    case 'agent.audio.end':
    case 'filler':
    case 'tool.call':
    case 'tool.progress':
    case 'tool.result':
    case 'metrics.turn':
      return stay;
  }
}

function onError(
  state: CallState,
  error: Extract<ServerMessage, { type: 'error' }>,
  to: (phase: CallPhase, extra?: Partial<CallState>) => CallStep,
): CallStep {
  switch (error.code) {
    case 'unknown-agent':
      return { ...to('failed', { reason: { kind: 'unknown-agent' } }), closeSocket: true };
    case 'unauthorized':
      return { ...to('failed', { reason: { kind: 'unauthorized' } }), closeSocket: true };
    case 'unsupported-sample-rate':
    case 'session-failed':
    case 'busy':
    case 'bad-identity':
      return {
        ...to('failed', { reason: { kind: 'server-refused', message: error.message } }),
        closeSocket: true,
      };
    case 'session-expired':
    case 'idle':
      return { ...to('ended', { reason: { kind: 'expired' } }), closeSocket: true };
    case 'slow-client':
    case 'session-error':
    case 'bad-json':
    case 'bad-message':
    case 'unknown-type':
    case 'frame-too-large':
    case 'bad-audio':
    case 'no-session':
    case 'already-started':
    case 'rate-limited':
    case 'not-supported':
    case 'bad-utf8':
      // A fatal one closes the socket; the close then reconnects like any drop.
      return { state };
  }
}
