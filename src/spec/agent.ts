import type { DialogueScript } from './dialogue.ts';
import type { SttVocabulary } from './stt.ts';
import type { AnyToolDefinition } from './tool.ts';
import type { EndOfTurnConfig, FillerConfig, InterruptionConfig } from './turn.ts';

/** TTS providers an agent can name a voice for; `local` is the offline engine (espeak-ng, flite …). */
export type VoiceProvider = 'local' | 'openai' | 'elevenlabs' | 'deepgram' | 'cartesia' | 'sarvam';

/** A vendor-neutral wish each TTS adapter maps onto one of its own voices. */
export interface VoiceDescription {
  /** BCP-47; the agent's language when absent. */
  readonly language?: string;
  readonly gender?: 'female' | 'male' | 'neutral';
  /** Words matched against each catalogue's tags, e.g. `warm`, `calm`, `gruff`, `brisk`. */
  readonly style?: string;
}

/**
 * The voice an agent wants. `byProvider` names a voice in each vendor's own terms
 * (OpenAI voice name, ElevenLabs voice id, Aura model, Cartesia voice id, espeak-ng
 * voice for `local`) and wins over `description`; a provider with neither gets the
 * catalogue voice closest to the description in the agent's language.
 */
export interface AgentVoice {
  readonly byProvider?: Readonly<Partial<Record<VoiceProvider, string>>>;
  readonly description?: VoiceDescription;
  /** 1 is normal; the café waiter speaks at 0.9. */
  readonly speakingRate?: number;
}

export interface AgentUi {
  /** Page that hosts this agent: one of web/'s (`agent.html`), or `/agents/<id>/` for its own `ui/`. */
  readonly page: string;
  readonly title: string;
  readonly accentColor?: string;
  /** A folder the server serves at `/agents/<id>/` (an agent file's `ui/`); never sent to browsers. */
  readonly dir?: string;
  /** A stylesheet (URL path) for the standard page and `<parley-call>`, e.g. `/agents/<id>/theme.css`. */
  readonly theme?: string;
}

/**
 * An agent is a system prompt, its tools and its UI. The rest are optional
 * knobs with sensible defaults.
 */
export interface AgentDefinition {
  readonly id: string;
  readonly name: string;
  readonly description: string;
  /** BCP-47, e.g. `en-US`, `es-ES`. */
  readonly language: string;
  readonly systemPrompt: string;
  readonly tools: readonly AnyToolDefinition[];
  readonly ui: AgentUi;
  readonly greeting?: string;
  readonly voice?: AgentVoice;
  readonly inputMode?: 'vad' | 'push-to-talk';
  readonly endOfTurn?: Partial<EndOfTurnConfig>;
  readonly interruption?: Partial<InterruptionConfig>;
  readonly filler?: Partial<FillerConfig>;
  readonly vocabulary?: SttVocabulary;
  /** The offline scripted dialogue engine's script. */
  readonly dialogue?: DialogueScript;
  /** Folder of markdown/text the agent retrieves from. */
  readonly knowledgeDir?: string;
  readonly cache?: { readonly threshold?: number; readonly ttlMs?: number };
  /**
   * Stereo call recordings (caller left, agent right, as played). Off unless `enabled`;
   * each recording is deleted after `retentionDays` (default 30). See docs/observability.md.
   */
  readonly recording?: { readonly enabled: boolean; readonly retentionDays?: number };
  /**
   * Server-side echo cancellation of the caller's microphone. Unset: on for telephony and for
   * a browser whose microphone reports no echo cancellation of its own; true/false: always
   * on/off for this agent. See README "Server-side echo cancellation".
   */
  readonly echoCancellation?: boolean;
  /**
   * Keypad entry on the phone: the key that ends an entry, its longest length, the pause that
   * ends it, and the text it reaches the agent as (`{digits}` for the keys). See
   * docs/telephony.md "Keypad input".
   */
  readonly keypad?: {
    readonly terminator?: string;
    readonly maxDigits?: number;
    readonly interDigitTimeoutMs?: number;
    readonly entryText?: string;
  };
}
