import type { AgentDefinition } from '../spec/agent.ts';
import type { AudioChunk } from '../spec/audio.ts';
import type { Clock } from '../spec/clock.ts';
import type { EchoCanceller } from '../spec/echo.ts';
import type { CallerIdentity } from '../spec/identity.ts';
import type { ChatMessage, LlmModel } from '../spec/llm.ts';
import type { AnswerCache, Retriever } from '../spec/retrieval.ts';
import type { SttModel } from '../spec/stt.ts';
import type { TtsModel } from '../spec/tts.ts';
import type { Vad } from '../spec/vad.ts';
import type { SessionListener } from './emitter.ts';

export interface SessionModels {
  readonly stt: SttModel;
  readonly llm: LlmModel;
  readonly tts: TtsModel;
  readonly vad: Vad;
}

export interface SessionOptions {
  readonly agent: AgentDefinition;
  readonly models: SessionModels;
  readonly id?: string;
  /** Defaults to the system clock; tests pass a VirtualClock. */
  readonly clock?: Clock;
  /** Rate of agent audio sent out. Default 24 000. */
  readonly outputSampleRate?: number;
  /** Length of each paced audio frame sent out. Default 20. */
  readonly outputFrameMs?: number;
  /** How far ahead of real time audio may be sent (the client's jitter buffer). Default 60. */
  readonly outputLeadMs?: number;
  readonly retriever?: Retriever;
  readonly cache?: AnswerCache;
  /** Who the caller is (signed claims or a verified phone number); tools receive it. Default anonymous. */
  readonly caller?: CallerIdentity;
  /**
   * Server-side echo cancellation of the microphone input (none by default). Every input
   * chunk goes through it before VAD and STT; the agent's sent audio is its far-end
   * reference. The session owns it from here on and closes it on `close()`.
   */
  readonly echoCanceller?: EchoCanceller;
  /** Pending and merged user text is capped to this many characters, the oldest dropped. Default 2000. */
  readonly maxUserTextChars?: number;
  /** Speak the agent's greeting when the session starts. Default true. */
  readonly greet?: boolean;
}

export type { SessionListener } from './emitter.ts';

/** One conversation. Create with `createSession`; always `close()` it. */
export interface Session {
  readonly id: string;
  readonly agent: AgentDefinition;
  readonly outputSampleRate: number;
  /** The conversation so far: system, user, assistant (truncated where interrupted), tool calls and results. */
  readonly history: readonly ChatMessage[];
  /** Feed microphone audio (mono PCM16 at 16 kHz). Throws AudioFormatError on another rate. */
  pushAudio(chunk: AudioChunk): void;
  /** A typed user turn; answered like a spoken one. */
  sendText(text: string): void;
  /** The client's playback position within a turn's audio, in ms played. */
  setPlaybackPosition(turnId: number, playedMs: number): void;
  /** Stops the reply in progress as a confirmed barge-in does (history keeps what was heard). */
  cancelReply?(): void;
  /** Push-to-talk: audio counts only between down and up; up ends the turn. */
  pttDown(): void;
  pttUp(): void;
  /**
   * Events emitted before the first subscriber (the greeting) are replayed to it; later
   * subscribers get what happens after they subscribe.
   */
  subscribe(listener: SessionListener): () => void;
  /** A provider fell back to its backup (e.g. `llm:openai→anthropic`): counted in this turn's metrics. */
  recordFallback?(label: string): void;
  /** Stops everything: no event is emitted and no timer is left after this resolves. */
  close(): Promise<void>;
}
