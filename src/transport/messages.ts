import type { SessionEvent } from '../spec/events.ts';

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
      /** Signed caller claims from the application (see docs/security.md). */
      readonly identity?: string;
      /**
       * What the browser granted: the microphone track's `getSettings().echoCancellation`.
       * Omitted when unknown. The server cancels echo itself unless this is true (and the
       * agent does not say otherwise).
       */
      readonly echoCancellation?: boolean;
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
  /** The agent's stylesheet for the standard page and `<parley-call>` (its `ui/theme.css`). */
  readonly theme?: string;
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
  /** The `identity` claims were not signed by this server's secret, or have expired. */
  | 'bad-identity'
  /** The server is at its connection or session cap: try again later. */
  | 'busy'
  /** A text frame that is not valid UTF-8 (the socket then closes with 1007). */
  | 'bad-utf8'
  /** The message does not apply to this agent (e.g. `ptt.*` on a voice-activated agent). */
  | 'not-supported'
  | 'rate-limited'
  | 'session-expired'
  /** The client sent nothing for the idle timeout. */
  | 'idle'
  /** The client did not read what the server sent fast enough. */
  | 'slow-client'
  | 'session-failed'
  /** An error reported by the session itself (provider, tool, timeout …). */
  | 'session-error';

/** Session events that go to the browser exactly as the session emits them. */
type Forwarded = Extract<
  SessionEvent,
  {
    type:
      | 'transcript.interim'
      | 'transcript.final'
      | 'turn.start'
      | 'agent.text'
      | 'agent.word'
      | 'agent.audio.start'
      | 'agent.audio.end'
      | 'agent.paused'
      | 'agent.resumed'
      | 'interrupt'
      | 'filler'
      | 'tool.progress'
      | 'turn.end'
      | 'metrics.turn';
  }
>;

/**
 * Server → client. Most messages are session events as they are (`Forwarded`);
 * speech edges lose their audio times, and tool calls and results lose their
 * arguments and payloads, which stay on the server.
 */
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
  | Forwarded
  | Omit<Extract<SessionEvent, { type: 'tool.call' }>, 'arguments'>
  | Omit<Extract<SessionEvent, { type: 'tool.result' }>, 'result'>
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
