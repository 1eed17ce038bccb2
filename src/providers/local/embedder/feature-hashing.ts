/** Signed feature hashing of sparse features into a dense, L2-normalised vector. */

/** 32-bit FNV-1a over UTF-16 code units. */
export function fnv1a(text: string, seed = 0x811c9dc5): number {
  let hash = seed >>> 0;
  for (let i = 0; i < text.length; i += 1) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash >>> 0;
}

/**
 * Each feature lands in one bucket with a sign taken from a second hash, so
 * collisions cancel on average instead of piling up.
 */
export function hashFeatures(
  features: ReadonlyMap<string, number>,
  dimensions: number,
): Float32Array {
  const vector = new Float32Array(dimensions);
  for (const [key, weight] of features) {
    const bucket = fnv1a(key) % dimensions;
    const sign = (fnv1a(key, 0x9747b28c) & 1) === 0 ? 1 : -1;
    vector[bucket] = (vector[bucket] ?? 0) + sign * weight;
  }
  return normalise(vector);
}

export function normalise(vector: Float32Array): Float32Array {
  let sumOfSquares = 0;
  for (const value of vector) sumOfSquares += value * value;
  if (sumOfSquares === 0) return vector;
  const scale = 1 / Math.sqrt(sumOfSquares);
  for (let i = 0; i < vector.length; i += 1) vector[i] = (vector[i] ?? 0) * scale;
  return vector;
}
