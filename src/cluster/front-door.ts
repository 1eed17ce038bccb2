import type { IncomingMessage, ServerResponse } from 'node:http';
import { createHash, timingSafeEqual } from 'node:crypto';
import type { Redis } from 'ioredis';
import { NoWorkerError } from './errors.ts';
import { type PickPolicy, pickWorker } from './load.ts';
import { listWorkers, reserve } from './registry.ts';
import {
  DISPATCH_TOKEN_TTL_MS,
  type PhoneCallClaims,
  checkSecret,
  signDispatchToken,
} from './token.ts';

export interface Dispatch {
  readonly workerId: string;
  /** The worker's WebSocket URL with the signed token: connect here, then `session.start`. */
  readonly url: string;
  readonly expiresAtMs: number;
}

/** A phone call sent to a worker: its address and the signed ticket the media stream presents. */
export interface PhoneDispatch {
  readonly workerId: string;
  /** The worker's WebSocket URL (`ws(s)://…/ws`); the media paths are its siblings. */
  readonly workerUrl: string;
  readonly token: string;
  readonly expiresAtMs: number;
  /** The worker's SIP `host:port`, when it takes SIP calls. */
  readonly sipAddress?: string;
}

export interface FrontDoorOptions {
  readonly redis: Redis;
  readonly secret: string;
  readonly tokenTtlMs?: number;
  readonly policy?: PickPolicy;
  /** When set, `POST /api/dispatch` needs `authorization: Bearer <token>` (like `session.start`). */
  readonly token?: string;
}

/** Picks the least-loaded healthy worker for a new call and signs its ticket there. */
export function createFrontDoor(options: FrontDoorOptions) {
  checkSecret(options.secret);
  /** Calls from one front door are decided one at a time, so a burst spreads evenly. */
  let tail: Promise<unknown> = Promise.resolve();

  async function pick(
    signal?: AbortSignal,
    call?: PhoneCallClaims,
    needsSip = false,
  ): Promise<PhoneDispatch> {
    signal?.throwIfAborted();
    const listed = await listWorkers(options.redis);
    const able = needsSip ? listed.filter((w) => w.sipAddress !== undefined) : listed;
    const worker = pickWorker(able, Date.now(), options.policy);
    if (!worker) throw new NoWorkerError('no healthy worker can take a call now');
    await reserve(options.redis, worker.workerId);
    const { token, claims } = signDispatchToken(
      options.secret,
      worker.workerId,
      Date.now(),
      options.tokenTtlMs ?? DISPATCH_TOKEN_TTL_MS,
      call,
    );
    return {
      workerId: worker.workerId,
      workerUrl: worker.url,
      token,
      expiresAtMs: claims.expiresAtMs,
      ...(worker.sipAddress !== undefined && { sipAddress: worker.sipAddress }),
    };
  }

  /** Picks in turn; `signal` gives up while the pick waits its turn. */
  function inTurn(
    signal?: AbortSignal,
    call?: PhoneCallClaims,
    needsSip = false,
  ): Promise<PhoneDispatch> {
    const next = tail.then(() => pick(signal, call, needsSip));
    tail = next.catch(() => undefined);
    return next;
  }

  /** One browser dispatch: the worker's URL with the token in it. */
  async function dispatch(signal?: AbortSignal): Promise<Dispatch> {
    const picked = await inTurn(signal);
    return {
      workerId: picked.workerId,
      url: `${picked.workerUrl}?dispatch=${encodeURIComponent(picked.token)}`,
      expiresAtMs: picked.expiresAtMs,
    };
  }

  /** One phone call whose webhook the front door verified; the token vouches for `call`. */
  function dispatchPhone(call: PhoneCallClaims, signal?: AbortSignal): Promise<PhoneDispatch> {
    return inTurn(signal, call);
  }

  /**
   * `POST /api/dispatch` → 200 `Dispatch`, or 503 `{ error }` when no worker can take it.
   * Returns false for any other request, to let the server handle it.
   */
  async function handle(request: IncomingMessage, response: ServerResponse): Promise<boolean> {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    if (path !== '/api/dispatch') return false;
    if (request.method !== 'POST') {
      response.writeHead(405, { allow: 'POST' }).end();
      return true;
    }
    if (
      options.token !== undefined &&
      !sameToken(request.headers.authorization, `Bearer ${options.token}`)
    ) {
      sendJson(response, 401, { error: 'unauthorized', message: 'a valid token is required' });
      return true;
    }
    request.resume();
    try {
      sendJson(response, 200, await dispatch());
    } catch (error) {
      if (!(error instanceof NoWorkerError)) throw error;
      sendJson(
        response,
        503,
        { error: 'no-worker', message: error.message },
        { 'retry-after': '1' },
      );
    }
    return true;
  }

  /** One SIP call: only workers with a SIP endpoint are candidates. */
  function dispatchSip(call: PhoneCallClaims, signal?: AbortSignal): Promise<PhoneDispatch> {
    return inTurn(signal, call, true);
  }

  return { dispatch, dispatchPhone, dispatchSip, handle };
}

function sendJson(
  response: ServerResponse,
  status: number,
  value: unknown,
  headers: Record<string, string> = {},
): void {
  response.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
    ...headers,
  });
  response.end(JSON.stringify(value));
}

function sameToken(given: string | undefined, expected: string): boolean {
  if (given === undefined) return false;
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(given), digest(expected));
}
