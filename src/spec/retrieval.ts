import type { ModelInfo } from './model.ts';

export interface EmbedderCapabilities {
  readonly dimensions: number;
  readonly maxBatch: number;
}

export interface Embedder extends ModelInfo<EmbedderCapabilities> {
  /** One unit-length vector per text. */
  embed(texts: readonly string[], signal: AbortSignal): Promise<Float32Array[]>;
}

export type MetadataValue = string | number | boolean;
export type Metadata = Readonly<Record<string, MetadataValue>>;

export interface VectorRecord {
  readonly id: string;
  readonly vector: Float32Array;
  readonly text: string;
  readonly metadata: Metadata;
}

export interface VectorQuery {
  readonly vector: Float32Array;
  readonly topK: number;
  /** Equality on metadata fields. */
  readonly filter?: Metadata;
}

export interface VectorMatch {
  readonly id: string;
  /** Cosine similarity in [-1, 1]; higher is closer. */
  readonly score: number;
  readonly text: string;
  readonly metadata: Metadata;
}

export interface VectorStore {
  readonly name: string;
  readonly dimensions: number;
  upsert(records: readonly VectorRecord[], signal: AbortSignal): Promise<void>;
  query(query: VectorQuery, signal: AbortSignal): Promise<VectorMatch[]>;
  delete(ids: readonly string[], signal: AbortSignal): Promise<void>;
  close(): Promise<void>;
}

export interface RetrievedPassage {
  readonly id: string;
  readonly source: string;
  readonly text: string;
  readonly score: number;
}

/** What the session asks for before the LLM answers. */
export interface Retriever {
  retrieve(query: string, signal: AbortSignal): Promise<RetrievedPassage[]>;
}

export interface CachedAnswer {
  readonly text: string;
  readonly similarity: number;
  /** Stored audio, when it was made with the same voice and rate. */
  readonly audio?: { readonly sampleRate: number; readonly samples: Int16Array };
}

export interface CacheLookup {
  /** The stored answer on a hit. */
  readonly answer?: CachedAnswer;
  /** Similarity of the closest live entry (0 when there is none), for the turn's metrics. */
  readonly similarity: number;
}

/** The semantic cache as the session sees it. */
export interface AnswerCache {
  lookup(
    question: string,
    voiceKey: string,
    signal: AbortSignal,
  ): Promise<CachedAnswer | undefined>;
  /** Like `lookup`, and tells the closest similarity on a miss too. */
  lookupScored?(question: string, voiceKey: string, signal: AbortSignal): Promise<CacheLookup>;
  store(
    entry: {
      readonly question: string;
      readonly answer: string;
      readonly voiceKey: string;
      readonly audio?: { readonly sampleRate: number; readonly samples: Int16Array };
    },
    signal: AbortSignal,
  ): Promise<void>;
}
