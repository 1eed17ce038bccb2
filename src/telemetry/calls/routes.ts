import type { IncomingMessage, ServerResponse } from 'node:http';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { CallLogSource } from './model.ts';

const CALL_PATH = /^\/api\/calls\/([A-Za-z0-9_-]{1,128})$/;

function json(response: ServerResponse, status: number, value: unknown): void {
  response
    .writeHead(status, {
      'content-type': 'application/json; charset=utf-8',
      'cache-control': 'no-store',
    })
    .end(JSON.stringify(value));
}

/**
 * The call log: `/calls` (the page, from the built web client), `/api/calls` (list) and
 * `/api/calls/<id>` (one call). GET only; the server has checked the token. True when answered.
 */
export async function serveCalls(
  source: CallLogSource,
  pagesDir: string | undefined,
  request: IncomingMessage,
  response: ServerResponse,
  url: URL,
): Promise<boolean> {
  if (request.method !== 'GET' && request.method !== 'HEAD') return false;
  if (url.pathname === '/calls' && pagesDir !== undefined) {
    const page = await readFile(join(pagesDir, 'calls.html'));
    response.writeHead(200, {
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-store',
    });
    response.end(page);
    return true;
  }
  if (url.pathname === '/api/calls') {
    json(response, 200, await source.list({ limit: 200 }));
    return true;
  }
  const match = CALL_PATH.exec(url.pathname);
  if (!match) return false;
  const call = await source.get(match[1]!);
  if (call) json(response, 200, call);
  else json(response, 404, { error: 'no such call' });
  return true;
}
