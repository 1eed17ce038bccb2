import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, normalize, relative, resolve, sep } from 'node:path';

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.map': 'application/json; charset=utf-8',
  '.wav': 'audio/wav',
};

/** Maps a URL path onto a file inside `rootDir`, or undefined when it would leave it. */
export function resolveStaticPath(rootDir: string, urlPath: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch (error) {
    if (error instanceof URIError) return undefined;
    throw error;
  }
  if (decoded.includes('\0')) return undefined;
  const relative = decoded === '/' ? 'index.html' : decoded.replace(/^\/+/, '');
  const root = resolve(rootDir);
  const full = resolve(join(root, normalize(relative)));
  if (full !== root && !full.startsWith(root + sep)) return undefined;
  return full;
}

/** Serves one file from `rootDir`; answers 404 when there is none. */
export async function serveStatic(
  rootDir: string,
  request: IncomingMessage,
  response: ServerResponse,
  urlPath: string,
): Promise<void> {
  const path = resolveStaticPath(rootDir, urlPath);
  const info = path && (await isPlainFile(rootDir, path)) ? await stat(path) : undefined;
  if (!path || !info?.isFile()) {
    response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
    response.end('not found');
    return;
  }
  response.writeHead(200, {
    'content-type': CONTENT_TYPES[extname(path)] ?? 'application/octet-stream',
    'content-length': info.size,
    'cache-control': 'no-cache',
  });
  if (request.method === 'HEAD') {
    response.end();
    return;
  }
  createReadStream(path)
    .on('error', (error) => response.destroy(error))
    .pipe(response);
}

/**
 * True when `path` is a regular file reached without any symbolic link below
 * `rootDir`: a link planted in the web folder cannot expose a file outside it.
 */
async function isPlainFile(rootDir: string, path: string): Promise<boolean> {
  try {
    const [realRoot, realFile] = await Promise.all([realpath(rootDir), realpath(path)]);
    return realFile === join(realRoot, relative(resolve(rootDir), path));
  } catch (error) {
    if (isMissing(error)) return false;
    throw error;
  }
}

function isMissing(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return code === 'ENOENT' || code === 'ENOTDIR' || code === 'ELOOP' || code === 'ENAMETOOLONG';
}
