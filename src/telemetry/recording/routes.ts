import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RecordingStore } from './store.ts';

const RECORDING_PATH = /^\/api\/calls\/([A-Za-z0-9_-]{1,128})\/recording$/;

/**
 * `GET /api/calls/<id>/recording` (audio/wav) and `DELETE` of the same (204, or 404 when
 * there is none). The server has checked the token before this runs. True when answered.
 */
export async function serveRecording(
  store: RecordingStore,
  request: IncomingMessage,
  response: ServerResponse,
  url: URL,
): Promise<boolean> {
  const match = RECORDING_PATH.exec(url.pathname);
  if (!match) return false;
  const id = match[1]!;
  if (request.method === 'DELETE') {
    const existed = await store.delete(id);
    response.writeHead(existed ? 204 : 404, { 'cache-control': 'no-store' }).end();
    return true;
  }
  const wav = await store.read(id);
  if (!wav) {
    response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('no recording');
    return true;
  }
  // Browsers seek media by byte ranges (RFC 9110 §14): one range is served, else the whole.
  const range = byteRange(request.headers.range, wav.byteLength);
  if (range === 'unsatisfiable') {
    response.writeHead(416, { 'content-range': `bytes */${wav.byteLength}` }).end();
    return true;
  }
  const body = range ? wav.subarray(range.start, range.end + 1) : wav;
  response.writeHead(range ? 206 : 200, {
    'content-type': 'audio/wav',
    'accept-ranges': 'bytes',
    'content-length': String(body.byteLength),
    'cache-control': 'no-store',
    ...(range && { 'content-range': `bytes ${range.start}-${range.end}/${wav.byteLength}` }),
  });
  response.end(request.method === 'HEAD' ? undefined : body);
  return true;
}

/** A single `bytes=a-b`, `bytes=a-` or `bytes=-n` range; undefined for none or several. */
export function byteRange(
  header: string | undefined,
  size: number,
): { start: number; end: number } | 'unsatisfiable' | undefined {
  const match = header === undefined ? null : /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match || (match[1] === '' && match[2] === '')) return undefined;
  const start = match[1] === '' ? Math.max(0, size - Number(match[2])) : Number(match[1]);
  const end = match[1] === '' || match[2] === '' ? size - 1 : Math.min(size - 1, Number(match[2]));
  if (start >= size || start > end) return 'unsatisfiable';
  return { start, end };
}
