import type { AudioChunk } from './audio.ts';
import type { ParleyError } from './errors.ts';
import type { TurnMetrics } from './metrics.ts';
import type { RetrievedPassage } from './retrieval.ts';

/**
 * Everything a session tells the outside world, in order. The transport maps
 * these onto the wire; tests read them directly.
 */
export type SessionEvent =
  | { readonly type: 'user.speech-start'; readonly atMs: number }
  | { readonly type: 'user.speech-end'; readonly atMs: number }
  /** The user said only "mhm", "okay"… over the agent: heard, and not taken as a turn. */
  | { readonly type: 'user.backchannel'; readonly text: string }
  | { readonly type: 'transcript.interim'; readonly text: string }
  | { readonly type: 'transcript.final'; readonly text: string }
  | { readonly type: 'turn.start'; readonly turnId: number; readonly userText: string }
  /** A sentence or clause of the reply, as it goes to TTS. */
  | { readonly type: 'agent.text'; readonly turnId: number; readonly text: string }
  | {
      readonly type: 'agent.word';
      readonly turnId: number;
      readonly word: string;
      readonly startMs: number;
      readonly endMs: number;
    }
  | { readonly type: 'agent.audio.start'; readonly turnId: number; readonly sampleRate: number }
  /** One paced frame of agent audio. */
  | {
      readonly type: 'agent.audio';
      readonly turnId: number;
      readonly chunk: AudioChunk;
      readonly offsetMs: number;
    }
  | { readonly type: 'agent.audio.end'; readonly turnId: number; readonly interrupted: boolean }
  | { readonly type: 'agent.paused'; readonly turnId: number }
  | { readonly type: 'agent.resumed'; readonly turnId: number }
  /** The user barged in: the client must flush its playback buffer now. */
  | { readonly type: 'interrupt'; readonly turnId: number; readonly heardText: string }
  | { readonly type: 'filler'; readonly turnId: number; readonly text: string }
  | {
      readonly type: 'tool.call';
      readonly turnId: number;
      readonly toolCallId: string;
      readonly name: string;
      readonly arguments: unknown;
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
      readonly result: unknown;
    }
  | {
      readonly type: 'retrieval';
      readonly turnId: number;
      readonly passages: readonly RetrievedPassage[];
    }
  | {
      readonly type: 'turn.end';
      readonly turnId: number;
      readonly interrupted: boolean;
      /**
       * The reply was dropped unanswered — replaced before it made a sound, or retracted when
       * the user went on over it — and its user text is answered in a later turn. It writes no
       * history and reports no `metrics.turn`.
       */
      readonly cancelled?: true;
    }
  | { readonly type: 'metrics.turn'; readonly metrics: TurnMetrics }
  | { readonly type: 'error'; readonly error: ParleyError; readonly fatal: boolean };

export type SessionEventType = SessionEvent['type'];
