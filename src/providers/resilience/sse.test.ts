import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseSse, type SseEvent } from './sse.ts';

async function parse(...pieces: string[]): Promise<SseEvent[]> {
  async function* bytes(): AsyncGenerator<Uint8Array> {
    for (const piece of pieces) yield await Promise.resolve(new TextEncoder().encode(piece));
  }
  const events: SseEvent[] = [];
  for await (const event of parseSse(bytes())) events.push(event);
  return events;
}

describe('parseSse', () => {
  it('parses named events and multi-line data', async () => {
    assert.deepEqual(await parse('event: ping\ndata: {}\n\ndata: a\ndata: b\n\n'), [
      { event: 'ping', data: '{}' },
      { event: 'message', data: 'a\nb' },
    ]);
  });

  it('joins events split across chunks, even inside a CRLF', async () => {
    assert.deepEqual(await parse('data: {"a"', ':1}\r', '\n\r\n'), [
      { event: 'message', data: '{"a":1}' },
    ]);
  });

  it('ignores comments and events without data', async () => {
    assert.deepEqual(await parse(': keep-alive\n\nevent: x\n\ndata: y\n\n'), [
      { event: 'message', data: 'y' },
    ]);
  });

  it('keeps a multi-byte character split between chunks', async () => {
    const bytes = new TextEncoder().encode('data: café\n\n');
    async function* chunks(): AsyncGenerator<Uint8Array> {
      yield await Promise.resolve(bytes.slice(0, 10));
      yield bytes.slice(10);
    }
    const events: SseEvent[] = [];
    for await (const event of parseSse(chunks())) events.push(event);
    assert.deepEqual(events, [{ event: 'message', data: 'café' }]);
  });

  it('emits a last event that has no blank line after it', async () => {
    assert.deepEqual(await parse('data: [DONE]'), [{ event: 'message', data: '[DONE]' }]);
  });
});
