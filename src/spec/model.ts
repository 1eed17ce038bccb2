/** What every model (STT, LLM, TTS, VAD, embedder) says about itself. */
export interface ModelInfo<Capabilities> {
  /** Vendor or engine family: `local`, `openai`, `deepgram` … */
  readonly provider: string;
  /** The model or voice family within the provider. */
  readonly model: string;
  readonly capabilities: Capabilities;
}

export interface TokenUsage {
  readonly inputTokens: number;
  readonly outputTokens: number;
}

/** A word and when it is spoken, in ms from the start of the stream it belongs to. */
export interface WordTiming {
  readonly word: string;
  readonly startMs: number;
  readonly endMs: number;
  readonly confidence?: number;
}
