import type { DialogueScript } from './dialogue.ts';
import type { SttVocabulary } from './stt.ts';
import type { AnyToolDefinition } from './tool.ts';
import type { EndOfTurnConfig, FillerConfig, InterruptionConfig } from './turn.ts';

export interface AgentVoice {
  readonly voice?: string;
  /** 1 is normal; the café waiter speaks at 0.9. */
  readonly speakingRate?: number;
}

export interface AgentUi {
  /** Page under web/ that hosts this agent, e.g. `support.html`. */
  readonly page: string;
  readonly title: string;
  readonly accentColor?: string;
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
}
