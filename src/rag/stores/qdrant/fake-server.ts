import {
  cosine,
  isRecord,
  startFakeHttpServer,
  type FakeHttpServer,
  type FakeRequest,
  type FakeResponse,
} from '../fake-http.ts';

/**
 * A strict local Qdrant: the REST routes Parley uses, refusing what a real server refuses,
 * with its error body shape `{"status":{"error":"…"},"time":…}`. Each rule cites the page
 * it follows. Strict mode's unindexed-filter rule is on by default, as on Qdrant Cloud.
 */
export interface QdrantFakeOptions {
  /** When set, every request must carry it in `api-key` (or `Authorization: Bearer`). */
  readonly apiKey?: string;
  /** Refuse filters on payload keys with no index. Default true. */
  readonly strictMode?: boolean;
}

interface Collection {
  readonly size: number;
  readonly distance: string;
  readonly points: Map<string, { vector: number[]; payload: Record<string, unknown> }>;
  readonly indexes: Map<string, string>;
}

const ok = (result: unknown): FakeResponse => ({
  status: 200,
  body: { result, status: 'ok', time: 0.0001 },
});
const fail = (status: number, error: string): FakeResponse => ({
  status,
  body: { status: { error }, time: 0.0001 },
});

// https://qdrant.tech/documentation/concepts/points/#point-ids
const UUID = /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i;
// https://qdrant.tech/documentation/concepts/collections/#create-a-collection
const DISTANCES = ['Cosine', 'Euclid', 'Dot', 'Manhattan'];
// https://qdrant.tech/documentation/concepts/indexing/#payload-index
const FIELD_SCHEMAS = ['keyword', 'integer', 'float', 'bool', 'geo', 'text', 'datetime', 'uuid'];
// Which index types can serve which condition (strict mode's "Index required" check).
const SERVES: Record<string, readonly string[]> = {
  string: ['keyword', 'text', 'uuid'],
  integer: ['integer'],
  boolean: ['bool'],
  range: ['integer', 'float', 'datetime'],
};

export async function startQdrantFake(options: QdrantFakeOptions = {}): Promise<FakeHttpServer> {
  const collections = new Map<string, Collection>();
  const strict = options.strictMode ?? true;

  const route = (request: FakeRequest): FakeResponse => {
    // https://qdrant.tech/documentation/guides/security/#authentication
    if (options.apiKey !== undefined) {
      const key =
        request.headers['api-key'] ?? request.headers.authorization?.replace(/^Bearer /, '');
      if (key !== options.apiKey) {
        return { status: 401, body: 'Must provide an API key or an Authorization bearer token' };
      }
    }
    const match = /^\/collections\/([^/]+)(\/.*)?$/.exec(request.path);
    if (!match?.[1]) return { status: 404, body: '' };
    const name = decodeURIComponent(match[1]);
    const rest = match[2] ?? '';
    const collection = collections.get(name);
    if (rest === '' && request.method === 'PUT') return create(name, request.body);
    if (!collection) return fail(404, `Not found: Collection \`${name}\` doesn't exist!`);
    if (rest === '' && request.method === 'GET') {
      return ok({
        status: 'green',
        points_count: collection.points.size,
        config: { params: { vectors: { size: collection.size, distance: collection.distance } } },
        payload_schema: Object.fromEntries(
          [...collection.indexes].map(([key, type]) => [key, { data_type: type }]),
        ),
      });
    }
    if (rest === '/index' && request.method === 'PUT') return index(collection, request.body);
    if (rest === '/points' && request.method === 'PUT') return upsert(collection, request.body);
    if (rest === '/points/query' && request.method === 'POST') {
      return query(collection, request.body, strict);
    }
    if (rest === '/points/delete' && request.method === 'POST')
      return remove(collection, request.body);
    return { status: 404, body: '' };
  };

  const create = (name: string, body: unknown): FakeResponse => {
    // https://qdrant.tech/documentation/concepts/collections/#create-a-collection
    if (collections.has(name))
      return fail(409, `Wrong input: Collection \`${name}\` already exists!`);
    const vectors = isRecord(body) && isRecord(body['vectors']) ? body['vectors'] : undefined;
    const size = vectors?.['size'];
    const distance = vectors?.['distance'];
    if (typeof size !== 'number' || !Number.isInteger(size) || size < 1 || size > 65_536) {
      return fail(
        422,
        'Validation error in JSON body: [vectors.size: value must be between 1 and 65536]',
      );
    }
    if (typeof distance !== 'string' || !DISTANCES.includes(distance)) {
      return fail(
        400,
        `Format error in JSON body: unknown variant \`${String(distance)}\`, expected one of \`Cosine\`, \`Euclid\`, \`Dot\`, \`Manhattan\``,
      );
    }
    collections.set(name, { size, distance, points: new Map(), indexes: new Map() });
    return ok(true);
  };

  return startFakeHttpServer(route, (error) =>
    fail(400, `Format error in JSON body: ${error.message}`),
  );
}

function index(collection: Collection, body: unknown): FakeResponse {
  const field = isRecord(body) ? body['field_name'] : undefined;
  const schema = isRecord(body) ? body['field_schema'] : undefined;
  if (typeof field !== 'string' || typeof schema !== 'string' || !FIELD_SCHEMAS.includes(schema)) {
    return fail(400, `Format error in JSON body: unknown variant \`${String(schema)}\``);
  }
  collection.indexes.set(field, schema);
  return ok({ operation_id: 1, status: 'completed' });
}

function upsert(collection: Collection, body: unknown): FakeResponse {
  const points = isRecord(body) ? body['points'] : undefined;
  if (!Array.isArray(points)) return fail(400, 'Format error in JSON body: missing field `points`');
  const accepted: [string, { vector: number[]; payload: Record<string, unknown> }][] = [];
  for (const point of points) {
    if (!isRecord(point))
      return fail(400, 'Format error in JSON body: invalid type: expected struct PointStruct');
    const id = point['id'];
    // https://qdrant.tech/documentation/concepts/points/#point-ids
    const validId =
      (typeof id === 'number' && Number.isInteger(id) && id >= 0) ||
      (typeof id === 'string' && UUID.test(id));
    if (!validId) {
      return fail(
        400,
        `Format error in JSON body: value ${JSON.stringify(id)} is not a valid point ID, valid values are either an unsigned integer or a UUID`,
      );
    }
    const vector = point['vector'];
    if (
      !Array.isArray(vector) ||
      !vector.every((v) => typeof v === 'number' && Number.isFinite(v))
    ) {
      return fail(400, 'Format error in JSON body: invalid type: expected a sequence of floats');
    }
    // https://qdrant.tech/documentation/concepts/collections/ (vector size is fixed per collection)
    if (vector.length !== collection.size) {
      return fail(
        400,
        `Wrong input: Vector dimension error: expected dim: ${collection.size}, got ${vector.length}`,
      );
    }
    const payload = point['payload'];
    if (payload !== undefined && payload !== null && !isRecord(payload)) {
      return fail(400, 'Format error in JSON body: invalid type: expected a map for payload');
    }
    accepted.push([
      String(id).toLowerCase(),
      { vector: vector as number[], payload: payload ?? {} },
    ]);
  }
  for (const [id, point] of accepted) collection.points.set(id, point);
  return ok({ operation_id: 1, status: 'completed' });
}

function query(collection: Collection, body: unknown, strict: boolean): FakeResponse {
  if (!isRecord(body)) return fail(400, 'Format error in JSON body: expected a map');
  const vector = body['query'];
  if (!Array.isArray(vector) || !vector.every((v) => typeof v === 'number')) {
    return fail(
      400,
      'Format error in JSON body: data did not match any variant of untagged enum QueryInterface',
    );
  }
  if (vector.length !== collection.size) {
    return fail(
      400,
      `Wrong input: Vector dimension error: expected dim: ${collection.size}, got ${vector.length}`,
    );
  }
  const limit = body['limit'] ?? 10;
  if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 1) {
    return fail(
      422,
      'Validation error in JSON body: [limit: value 0 invalid, must be 1 or larger]',
    );
  }
  const conditions = parseFilter(body['filter']);
  if (typeof conditions === 'string') return fail(400, conditions);
  if (strict) {
    // https://qdrant.tech/documentation/guides/administration/#strict-mode (unindexed_filtering_retrieve)
    for (const condition of conditions) {
      const needs = SERVES[condition.kind] ?? [];
      const has = collection.indexes.get(condition.key);
      if (has === undefined || !needs.includes(has)) {
        return fail(
          400,
          `Bad request: Index required but not found for "${condition.key}" of one of the following types: [${needs.join(', ')}]. Help: Create an index for this key or use a different filter.`,
        );
      }
    }
  }
  const withPayload = body['with_payload'] === true;
  const points = [...collection.points]
    .filter(([, point]) => conditions.every((c) => c.test(lookup(point.payload, c.key))))
    .map(([id, point]) => ({
      id,
      version: 1,
      score: cosine(vector, point.vector),
      ...(withPayload && { payload: point.payload }),
    }))
    .sort((a, b) => b.score - a.score)
    .slice(0, limit);
  return ok({ points });
}

interface Condition {
  readonly key: string;
  readonly kind: 'string' | 'integer' | 'boolean' | 'range';
  test(value: unknown): boolean;
}

// https://qdrant.tech/documentation/concepts/filtering/#match and #range
function parseFilter(filter: unknown): Condition[] | string {
  if (filter === undefined || filter === null) return [];
  if (!isRecord(filter) || !Array.isArray(filter['must'])) {
    return 'Format error in JSON body: filter must be an object with condition lists';
  }
  const conditions: Condition[] = [];
  for (const item of filter['must']) {
    const key = isRecord(item) ? item['key'] : undefined;
    if (typeof key !== 'string') return 'Format error in JSON body: condition without key';
    const matchValue =
      isRecord(item) && isRecord(item['match']) ? item['match']['value'] : undefined;
    const range = isRecord(item) && isRecord(item['range']) ? item['range'] : undefined;
    if (range) {
      const gte = typeof range['gte'] === 'number' ? range['gte'] : -Infinity;
      const lte = typeof range['lte'] === 'number' ? range['lte'] : Infinity;
      conditions.push({
        key,
        kind: 'range',
        test: (v) => typeof v === 'number' && v >= gte && v <= lte,
      });
    } else if (typeof matchValue === 'string' || typeof matchValue === 'boolean') {
      const kind = typeof matchValue === 'string' ? 'string' : 'boolean';
      conditions.push({ key, kind, test: (v) => v === matchValue });
    } else if (typeof matchValue === 'number' && Number.isInteger(matchValue)) {
      conditions.push({ key, kind: 'integer', test: (v) => v === matchValue });
    } else {
      // MatchValue's `value` is a keyword, an integer or a bool: a float fits no variant.
      return 'Format error in JSON body: data did not match any variant of untagged enum Match';
    }
  }
  return conditions;
}

function lookup(payload: Record<string, unknown>, key: string): unknown {
  let value: unknown = payload;
  for (const part of key.split('.')) value = isRecord(value) ? value[part] : undefined;
  return value;
}

function remove(collection: Collection, body: unknown): FakeResponse {
  const points = isRecord(body) ? body['points'] : undefined;
  if (!Array.isArray(points))
    return fail(400, 'Format error in JSON body: expected `points` or `filter`');
  for (const id of points) collection.points.delete(String(id).toLowerCase());
  return ok({ operation_id: 1, status: 'completed' });
}
