import type { TurnMetrics } from '../spec/metrics.ts';

/**
 * The browser wire protocol (docs/protocol.md). Text frames carry one JSON
 * message each; binary frames carry mono PCM16 little-endian audio.
 */

/** Client → server. */
export type ClientMessage =
  | {
      readonly type: 'session.start';
      readonly agent: string;
      readonly sampleRate: number;
      readonly token?: string;
    }
  | { readonly type: 'text.input'; readonly text: string }
  | { readonly type: 'playback.position'; readonly turnId: number; readonly playedMs: number }
  | { readonly type: 'ptt.down' }
  | { readonly type: 'ptt.up' };

export type ClientMessageType = ClientMessage['type'];

export interface AgentSummary {
  readonly id: string;
  readonly name: string;
  readonly description: string;
  readonly language: string;
  readonly title: string;
  readonly page: string;
  readonly inputMode: 'vad' | 'push-to-talk';
  readonly accentColor?: string;
}

/** Why the server refused or reported something. */
export type WireErrorCode =
  | 'bad-json'
  | 'bad-message'
  | 'unknown-type'
  | 'frame-too-large'
  | 'bad-audio'
  | 'no-session'
  | 'already-started'
  | 'unknown-agent'
  | 'unsupported-sample-rate'
  | 'unauthorized'
  | 'rate-limited'
  | 'session-expired'
  /** The client did not read what the server sent fast enough. */
  | 'slow-client'
  | 'session-failed'
  /** An error reported by the session itself (provider, tool, timeout …). */
  | 'session-error';

/** Server → client. */
export type ServerMessage =
  | {
      readonly type: 'session.ready';
      readonly sessionId: string;
      readonly agent: AgentSummary;
      readonly inputSampleRate: number;
      readonly inputFrameMs: number;
      readonly outputSampleRate: number;
    }
  | { readonly type: 'user.speech-start' }
  | { readonly type: 'user.speech-end' }
  | { readonly type: 'transcript.interim'; readonly text: string }
  | { readonly type: 'transcript.final'; readonly text: string }
  | { readonly type: 'turn.start'; readonly turnId: number; readonly userText: string }
  | { readonly type: 'agent.text'; readonly turnId: number; readonly text: string }
  /** When a word of the reply is spoken: ms into the turn's reply speech (subtitles). */
  | {
      readonly type: 'agent.word';
      readonly turnId: number;
      readonly word: string;
      readonly startMs: number;
      readonly endMs: number;
    }
  | { readonly type: 'agent.audio.start'; readonly turnId: number; readonly sampleRate: number }
  | { readonly type: 'agent.audio.end'; readonly turnId: number; readonly interrupted: boolean }
  | { readonly type: 'agent.paused'; readonly turnId: number }
  | { readonly type: 'agent.resumed'; readonly turnId: number }
  | { readonly type: 'interrupt'; readonly turnId: number; readonly heardText: string }
  | { readonly type: 'filler'; readonly turnId: number; readonly text: string }
  | {
      readonly type: 'tool.call';
      readonly turnId: number;
      readonly toolCallId: string;
      readonly name: string;
    }
  | {
      readonly type: 'tool.progress';
      readonly turnId: number;
      readonly toolCallId: string;
      readonly name: string;
      readonly fraction: number;
      readonly label?: string;
    }
  | {
      readonly type: 'tool.result';
      readonly turnId: number;
      readonly toolCallId: string;
      readonly name: string;
      readonly ok: boolean;
    }
  | { readonly type: 'turn.end'; readonly turnId: number; readonly interrupted: boolean }
  | { readonly type: 'metrics.turn'; readonly metrics: TurnMetrics }
  | {
      readonly type: 'error';
      readonly code: WireErrorCode;
      readonly message: string;
      /** True when the connection is about to close. */
      readonly fatal: boolean;
      /** The client message type the error is about, when there is one. */
      readonly about?: string;
    };

export type ServerMessageType = ServerMessage['type'];
export type WireError = Extract<ServerMessage, { type: 'error' }>;

/** The rate and frame length the client must send. */
export const WIRE_INPUT_SAMPLE_RATE = 16_000;
export const WIRE_INPUT_FRAME_MS = 20;
