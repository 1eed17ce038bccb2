import type { IncomingMessage } from 'node:http';

/**
 * The origin a vendor reached us at (`https://parley.example.com`). Behind a tunnel or proxy
 * the Host header is not enough, so the operator's `publicUrl` wins; otherwise Host over https.
 */
export function publicOrigin(request: IncomingMessage, publicUrl: string | undefined): string {
  if (publicUrl !== undefined) return new URL(publicUrl).origin;
  return `https://${request.headers.host ?? 'localhost'}`;
}

/** The WebSocket origin matching an http(s) origin. */
export function socketOrigin(origin: string): string {
  return origin.replace(/^http/, 'ws');
}
