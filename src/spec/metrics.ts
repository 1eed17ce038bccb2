/**
 * Latency figures for one turn, in ms. A figure is absent when its stage did not run, and
 * never negative. "User stopped speaking" is the VAD's speech end for a voice turn, the
 * release for a push-to-talk turn, and the moment the message arrived for a typed one.
 */
export interface TurnMetrics {
  readonly turnId: number;
  /** User stopped speaking → turn detected (the endpointing delay). */
  readonly endpointingMs?: number;
  /** User stopped speaking → STT final transcript (0 when the final was in first). */
  readonly sttFinalMs?: number;
  /** Retrieval before the LLM call. */
  readonly retrievalMs?: number;
  /** LLM request → first text delta or tool call. */
  readonly llmFirstTokenMs?: number;
  /** First text sent to TTS → first audio back. */
  readonly ttsFirstAudioMs?: number;
  /** User stopped speaking (or sent text) → first agent audio frame sent. */
  readonly firstAudioMs?: number;
  /** User speech onset → agent audio stopped, when the turn was interrupted. */
  readonly interruptMs?: number;
  readonly cache?: { readonly hit: boolean; readonly similarity: number };
  readonly fillerPlayed?: boolean;
  /** Provider fallbacks taken in this turn, e.g. `llm:openai→anthropic`. */
  readonly fallbacks?: readonly string[];
  readonly interrupted: boolean;
}
