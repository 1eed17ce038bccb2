import {
  cosine,
  isRecord,
  startFakeHttpServer,
  type FakeHttpServer,
  type FakeRequest,
  type FakeResponse,
} from '../fake-http.ts';

/**
 * A strict local Pinecone index (one serverless index, cosine metric): the data-plane
 * routes Parley uses, refusing what Pinecone refuses with its error body
 * `{"code":3,"message":"…","details":[]}` (gRPC status codes: 3 = INVALID_ARGUMENT).
 * Each rule cites the page it follows.
 */
export interface PineconeFakeOptions {
  readonly apiKey: string;
  readonly dimension: number;
}

interface StoredVector {
  readonly values: number[];
  readonly metadata: Record<string, unknown>;
}

const invalid = (message: string): FakeResponse => ({
  status: 400,
  body: { code: 3, message, details: [] },
});
const ok = (body: unknown): FakeResponse => ({ status: 200, body });

// https://docs.pinecone.io/reference/api/database-limits
const MAX_UPSERT = 1_000;
const MAX_ID_LENGTH = 512;
const MAX_METADATA_BYTES = 40_960;
const MAX_TOP_K = 10_000;
const MAX_DELETE_IDS = 1_000;
// https://docs.pinecone.io/guides/search/filter-by-metadata#metadata-filter-expressions
const OPERATORS = ['$eq', '$ne', '$gt', '$gte', '$lt', '$lte', '$in', '$nin', '$exists'];

export async function startPineconeFake(options: PineconeFakeOptions): Promise<FakeHttpServer> {
  const namespaces = new Map<string, Map<string, StoredVector>>();
  const space = (name: unknown): Map<string, StoredVector> => {
    const key = typeof name === 'string' && name !== '' ? name : '__default__';
    let vectors = namespaces.get(key);
    if (!vectors) namespaces.set(key, (vectors = new Map<string, StoredVector>()));
    return vectors;
  };
  const { dimension } = options;

  const route = (request: FakeRequest): FakeResponse => {
    // https://docs.pinecone.io/reference/api/authentication
    if (request.headers['api-key'] !== options.apiKey) return { status: 401, body: 'Unauthorized' };
    // https://docs.pinecone.io/reference/api/versioning: an unknown version is refused.
    const version = request.headers['x-pinecone-api-version'];
    if (version !== undefined && !/^\d{4}-(01|04|07|10)$/.test(String(version))) {
      return invalid(`Unsupported API version: ${String(version)}`);
    }
    if (request.method !== 'POST') return { status: 404, body: '' };
    const body = isRecord(request.body) ? request.body : {};
    switch (request.path) {
      case '/describe_index_stats':
        return ok({
          namespaces: Object.fromEntries(
            [...namespaces].map(([n, v]) => [n, { vectorCount: v.size }]),
          ),
          dimension,
          indexFullness: 0,
          totalVectorCount: [...namespaces.values()].reduce((sum, v) => sum + v.size, 0),
          metric: 'cosine',
          vectorType: 'dense',
        });
      case '/vectors/upsert':
        return upsert(body, dimension, space(body['namespace']));
      case '/query':
        return query(body, dimension, space(body['namespace']));
      case '/vectors/delete':
        return remove(body, space(body['namespace']));
      default:
        return { status: 404, body: '' };
    }
  };
  return startFakeHttpServer(route, (error) => invalid(`Invalid JSON: ${error.message}`));
}

// https://docs.pinecone.io/reference/api/2025-04/data-plane/upsert
function upsert(
  body: Record<string, unknown>,
  dimension: number,
  vectors: Map<string, StoredVector>,
): FakeResponse {
  const batch = body['vectors'];
  if (!Array.isArray(batch) || batch.length === 0)
    return invalid('Invalid request: vectors must not be empty');
  if (batch.length > MAX_UPSERT) {
    return invalid(
      `Invalid request: upsert takes at most ${MAX_UPSERT} vectors, got ${batch.length}`,
    );
  }
  const accepted: [string, StoredVector][] = [];
  for (const item of batch) {
    const id = isRecord(item) ? item['id'] : undefined;
    if (typeof id !== 'string' || id === '' || id.length > MAX_ID_LENGTH) {
      return invalid(
        `Invalid request: vector id must be a string of 1 to ${MAX_ID_LENGTH} characters`,
      );
    }
    const values = isRecord(item) ? item['values'] : undefined;
    if (
      !Array.isArray(values) ||
      !values.every((v) => typeof v === 'number' && Number.isFinite(v))
    ) {
      return invalid(`Invalid request: values of vector ${id} must be finite numbers`);
    }
    if (values.length !== dimension) {
      return invalid(
        `Vector dimension ${values.length} does not match the dimension of the index ${dimension}`,
      );
    }
    // https://docs.pinecone.io/guides/index-data/upsert-data (dense vectors need a non-zero value)
    if (values.every((v) => v === 0)) {
      return invalid('Dense vectors must contain at least one non-zero value');
    }
    const metadata = isRecord(item) ? (item['metadata'] ?? {}) : {};
    const problem = metadataProblem(metadata);
    if (problem) return invalid(problem);
    accepted.push([
      id,
      { values: values as number[], metadata: metadata as Record<string, unknown> },
    ]);
  }
  for (const [id, vector] of accepted) vectors.set(id, vector);
  return ok({ upsertedCount: accepted.length });
}

// https://docs.pinecone.io/guides/index-data/indexing-overview#metadata (types and size)
function metadataProblem(metadata: unknown): string | undefined {
  if (!isRecord(metadata)) return 'Invalid request: metadata must be an object';
  for (const [key, value] of Object.entries(metadata)) {
    const okType =
      typeof value === 'string' ||
      typeof value === 'boolean' ||
      (typeof value === 'number' && Number.isFinite(value)) ||
      (Array.isArray(value) && value.every((v) => typeof v === 'string'));
    if (!okType) {
      return `Metadata value must be a string, number, boolean or list of strings, got '${JSON.stringify(value)}' for field '${key}'`;
    }
  }
  const bytes = Buffer.byteLength(JSON.stringify(metadata));
  if (bytes > MAX_METADATA_BYTES) {
    return `Metadata size is ${bytes} bytes, which exceeds the limit of ${MAX_METADATA_BYTES} bytes per vector`;
  }
  return undefined;
}

// https://docs.pinecone.io/reference/api/2025-04/data-plane/query
function query(
  body: Record<string, unknown>,
  dimension: number,
  vectors: Map<string, StoredVector>,
): FakeResponse {
  const topK = body['topK'];
  if (typeof topK !== 'number' || !Number.isInteger(topK) || topK < 1 || topK > MAX_TOP_K) {
    return invalid(
      `Invalid request: topK must be an integer from 1 to ${MAX_TOP_K}, got ${String(topK)}`,
    );
  }
  const vector = body['vector'];
  if (!Array.isArray(vector) || !vector.every((v) => typeof v === 'number')) {
    return invalid('Invalid request: exactly one of vector or id must be given');
  }
  if (vector.length !== dimension) {
    return invalid(
      `Query vector dimension ${vector.length} does not match the dimension of the index ${dimension}`,
    );
  }
  const test = compileFilter(body['filter']);
  if (typeof test === 'string') return invalid(test);
  const includeMetadata = body['includeMetadata'] === true;
  const matches = [...vectors]
    .filter(([, v]) => test(v.metadata))
    .map(([id, v]) => ({
      id,
      score: cosine(vector, v.values),
      values: [],
      ...(includeMetadata && { metadata: v.metadata }),
    }))
    .sort((a, b) => b.score - a.score)
    .slice(0, topK);
  return ok({
    results: [],
    matches,
    namespace: typeof body['namespace'] === 'string' ? body['namespace'] : '',
    usage: { readUnits: 1 },
  });
}

type MetadataTest = (metadata: Record<string, unknown>) => boolean;

function compileFilter(filter: unknown): MetadataTest | string {
  if (filter === undefined) return () => true;
  if (!isRecord(filter)) return 'Invalid request: filter must be an object';
  const tests: MetadataTest[] = [];
  for (const [key, condition] of Object.entries(filter)) {
    if (key === '$and' || key === '$or') {
      if (!Array.isArray(condition)) return `Invalid request: ${key} takes a list of filters`;
      const parts = condition.map(compileFilter);
      const bad = parts.find((p) => typeof p === 'string');
      if (typeof bad === 'string') return bad;
      const fns = parts as MetadataTest[];
      tests.push(key === '$and' ? (m) => fns.every((f) => f(m)) : (m) => fns.some((f) => f(m)));
      continue;
    }
    if (key.startsWith('$')) return `Invalid request: unknown operator ${key}`;
    if (!isRecord(condition)) {
      tests.push((m) => m[key] === condition);
      continue;
    }
    for (const [operator, operand] of Object.entries(condition)) {
      if (!OPERATORS.includes(operator)) return `Invalid request: unknown operator ${operator}`;
      tests.push((m) => apply(operator, m[key], operand));
    }
  }
  return (m) => tests.every((t) => t(m));
}

function apply(operator: string, value: unknown, operand: unknown): boolean {
  switch (operator) {
    case '$eq':
      return Array.isArray(value) ? value.includes(operand) : value === operand;
    case '$ne':
      return value !== operand;
    case '$in':
      return Array.isArray(operand) && operand.includes(value);
    case '$nin':
      return Array.isArray(operand) && !operand.includes(value);
    case '$exists':
      return (value !== undefined) === operand;
    default: {
      if (typeof value !== 'number' || typeof operand !== 'number') return false;
      if (operator === '$gt') return value > operand;
      if (operator === '$gte') return value >= operand;
      if (operator === '$lt') return value < operand;
      return value <= operand;
    }
  }
}

// https://docs.pinecone.io/reference/api/2025-04/data-plane/delete
function remove(body: Record<string, unknown>, vectors: Map<string, StoredVector>): FakeResponse {
  const ids = body['ids'];
  if (body['deleteAll'] === true) {
    vectors.clear();
    return ok({});
  }
  if (!Array.isArray(ids) || ids.length === 0)
    return invalid('Invalid request: give ids, a filter or deleteAll');
  if (ids.length > MAX_DELETE_IDS)
    return invalid(`Invalid request: delete takes at most ${MAX_DELETE_IDS} ids`);
  for (const id of ids) vectors.delete(String(id));
  return ok({});
}
