import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const fixtures = JSON.parse(
  readFileSync(join(import.meta.dirname, 'fixtures/server-events.json'), 'utf8'),
) as Record<string, unknown>;

const kind = (value: unknown): string =>
  value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value;

/**
 * Checks an event against the API reference's example of its type: every documented field
 * is present with the same JSON type (a `null` in the example means "nullable"), two levels deep.
 */
export function assertDocumentedShape(event: Record<string, unknown>): boolean {
  const example = fixtures[String(event['type'])];
  if (example === undefined) return false;
  compare(example as Record<string, unknown>, event, String(event['type']), 2);
  return true;
}

function compare(
  example: Record<string, unknown>,
  actual: Record<string, unknown>,
  path: string,
  depth: number,
): void {
  for (const [key, value] of Object.entries(example)) {
    assert.ok(key in actual, `${path}.${key} is missing`);
    const got = actual[key];
    if (value === null || got === null) continue;
    assert.equal(
      kind(got),
      kind(value),
      `${path}.${key} is ${kind(got)}, documented as ${kind(value)}`,
    );
    const sameKind = (value as { type?: unknown }).type === (got as { type?: unknown }).type;
    if (depth > 0 && kind(value) === 'object' && (key !== 'item' || sameKind)) {
      compare(
        value as Record<string, unknown>,
        got as Record<string, unknown>,
        `${path}.${key}`,
        depth - 1,
      );
    }
  }
}

export const documentedTypes = (): string[] => Object.keys(fixtures).filter((key) => key !== '//');
