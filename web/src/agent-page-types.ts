import type { ServerMessage } from '../../src/transport/messages.ts';
import type { CallPhase } from './call/call-state.ts';
import type { HeaderView } from './call/header-view.ts';
import type { Strings } from './call/strings.ts';
import type { Composer } from './composer.ts';
import type { ParleyDebug } from './debug.ts';
import type { TranscriptView } from './transcript/transcript-view.ts';
import type { PlaybackReport } from './worklets/playback-messages.ts';

/** What an agent's page can plug into the shared conversation page, and what it gets back. */
export interface AgentPageHooks {
  /** Every server message, after the shared handling (call state, transcript, audio). */
  onMessage?(message: ServerMessage): void;
  /** Every playback report (ms of a turn's audio actually played), before the shared handling. */
  onPlayback?(report: PlaybackReport): void;
  /** Return false to drop a microphone frame before it leaves the page. */
  allowFrame?(): boolean;
  /** The call's phase, microphone or mute changed. */
  onCall?(call: CallSnapshot): void;
  /** A reply sentence that is a safety alert: its reply is shown whole at once, `role=alert`. */
  isAlert?(text: string): boolean;
}

export interface CallSnapshot {
  readonly phase: CallPhase;
  readonly micOpen: boolean;
  readonly muted: boolean;
  readonly pushToTalk: boolean;
}

export interface AgentPage {
  readonly header: HeaderView;
  readonly transcript: TranscriptView;
  readonly composer: Composer;
  /** Where an agent's page puts its own panels: under the header, above the transcript. */
  readonly panels: HTMLElement;
  readonly strings: Strings;
  readonly language: 'en' | 'es';
  readonly debug: ParleyDebug;
  readonly call: CallSnapshot;
  /** The player's output latency; 0 before `session.ready`. */
  readonly outputLatencyMs: number;
  /** The key of a turn of the current session, as the transcript uses it. */
  turnKey(turnId: number): string;
  /** Sends typed text now, or keeps it until the call connects (starting the call if idle). */
  sendText(text: string): void;
  /** Starts a push-to-talk press; false when the microphone is not open (or muted). */
  pttDown(): boolean;
  pttUp(): void;
}
