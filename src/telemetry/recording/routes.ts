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
  response.writeHead(200, {
    'content-type': 'audio/wav',
    'content-length': String(wav.byteLength),
    'cache-control': 'no-store',
  });
  response.end(request.method === 'HEAD' ? undefined : wav);
  return true;
}
