import type { IncomingMessage, ServerResponse } from 'node:http';
import { sameToken } from '../transport/same-token.ts';
import type { AccessPolicy } from './access.ts';

export const TOKEN_COOKIE = 'parley_token';

/** Where a request presented the access token, if it did. */
export type TokenSource = 'cookie' | 'bearer' | 'query';

/**
 * Finds a valid token on a request: the `parley_token` cookie (set after the
 * first visit), an `Authorization: Bearer` header, or `?token=` (first visit).
 */
export function presentedToken(
  request: IncomingMessage,
  url: URL,
  expected: string,
): TokenSource | undefined {
  if (sameToken(cookieValue(request.headers.cookie, TOKEN_COOKIE), expected)) return 'cookie';
  const authorization = request.headers.authorization;
  const bearer = authorization?.startsWith('Bearer ') ? authorization.slice(7).trim() : undefined;
  if (sameToken(bearer, expected)) return 'bearer';
  if (sameToken(url.searchParams.get('token') ?? undefined, expected)) return 'query';
  return undefined;
}

/**
 * The cookie that keeps a browser signed in after `?token=`: not readable by scripts. Lax, not
 * Strict: a link from another site (mail, chat) lands on a redirect whose next request must
 * carry it; cross-site subresources and WebSockets never get it (and WebSockets check Origin).
 */
export function tokenCookie(token: string, secure: boolean): string {
  return `${TOKEN_COOKIE}=${encodeURIComponent(token)}; Path=/; HttpOnly; SameSite=Lax${secure ? '; Secure' : ''}`;
}

export function cookieValue(header: string | undefined, name: string): string | undefined {
  if (header === undefined) return undefined;
  for (const part of header.split(';')) {
    const index = part.indexOf('=');
    if (index < 0 || part.slice(0, index).trim() !== name) continue;
    try {
      return decodeURIComponent(part.slice(index + 1).trim());
    } catch (error) {
      if (error instanceof URIError) return undefined;
      throw error;
    }
  }
  return undefined;
}

/** The URL without `token` in its query, for a redirect that keeps it out of history and logs. */
export function withoutToken(url: URL): string {
  const clean = new URL(url.href);
  clean.searchParams.delete('token');
  return `${clean.pathname}${clean.search}`;
}

/**
 * Pages and `/api/*` need the token when there is one. `?token=` on a first visit sets an
 * HttpOnly cookie and redirects to the same URL without it (out of history and logs).
 */
export function authorizeHttp(
  policy: AccessPolicy,
  request: IncomingMessage,
  response: ServerResponse,
  url: URL,
  secure: boolean,
): boolean {
  if (policy.token === undefined) return true;
  const source = presentedToken(request, url, policy.token);
  if (source === undefined) {
    response
      .writeHead(401, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' })
      .end('a token is required: open the address with ?token=… once');
    return false;
  }
  if (source === 'query') {
    response
      .writeHead(303, {
        location: withoutToken(url),
        'set-cookie': tokenCookie(policy.token, secure),
        'cache-control': 'no-store',
      })
      .end();
    return false;
  }
  return true;
}
