/** Latency figures for one turn, in ms. A figure is absent when its stage did not run. */
export interface TurnMetrics {
  readonly turnId: number;
  /** VAD speech end → turn detected (the endpointing delay). */
  readonly endpointingMs?: number;
  /** VAD speech end → STT final transcript. */
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
