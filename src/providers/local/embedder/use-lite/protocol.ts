/** Messages between the embedding thread's client and its worker (structured clone). */

/** One batch to embed; `id` pairs the answer with its request. */
export interface EmbedRequest {
  readonly id: number;
  readonly texts: readonly string[];
}

/** A batch's vectors (their buffers are transferred), or why it failed. */
export type EmbedReply =
  | { readonly id: number; readonly vectors: readonly Float32Array[] }
  | { readonly id: number; readonly error: { readonly name: string; readonly message: string } };
