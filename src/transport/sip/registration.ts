import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { AbortedError, ConfigError, ProviderError, TimeoutError, type Clock } from '../../index.ts';
import { newBranch, randomToken, USER_AGENT } from './build.ts';
import {
  answerChallenge,
  chooseChallenge,
  parseChallenge,
  type DigestChallenge,
} from './digest.ts';
import { header, headers, type SipHeader, type SipRequest, type SipResponse } from './message.ts';
import {
  grantedExpiresS,
  parseRegistrar,
  refreshDelayMs,
  retryDelayMs,
  type RegistrarAddress,
} from './registration-policy.ts';

/** Registering our address with a provider, so calls to its number reach us (RFC 3261 §10). */
export interface RegistrationOptions {
  /** The registrar: `sip:host[:port]` (UDP). */
  readonly registrar: string;
  /** The user of our address of record (`sip:<username>@<domain>`) and of our Contact. */
  readonly username: string;
  readonly password: string;
  /** The digest user name when the provider's differs from `username`. */
  readonly authUsername?: string;
  /** The domain of our address of record. Default: the registrar's host. */
  readonly domain?: string;
  /** The binding we ask for, in seconds. Default 600. */
  readonly expiresS?: number;
}

export interface RegistrationDeps {
  readonly clock: Clock;
  /** Sends a request from our SIP UDP socket. */
  readonly send: (request: SipRequest, address: string, port: number) => void;
  readonly localAddress: string;
  readonly localPort: () => number;
  readonly onProblem: (message: string, error: unknown) => void;
  /** Host name → IPv4 address. Default: the system resolver. */
  readonly resolve?: (host: string) => Promise<string>;
}

export type RegistrationState = 'idle' | 'registering' | 'registered' | 'failed' | 'unregistered';

interface Transaction {
  readonly request: SipRequest;
  readonly expiresS: number;
  /** The request carried credentials from a challenge received during this attempt. */
  readonly answeredFresh: boolean;
  readonly stopTimers: () => void;
}

const T1_MS = 500;
const T2_MS = 4_000;

/**
 * The REGISTER client: a binding kept fresh before it lapses, digest challenges (401 and 407,
 * MD5 and SHA-256, qop=auth with nonce counts), 423 Interval Too Brief, retries with backoff
 * after a failure, and the binding removed (Expires: 0) on close. Over UDP only.
 */
export class SipRegistration {
  readonly #options: RegistrationOptions;
  readonly #deps: RegistrationDeps;
  readonly #registrar: RegistrarAddress;
  readonly #callId = `${randomToken(12)}@parley`;
  readonly #fromTag = randomToken();
  readonly #listeners = new Set<(state: RegistrationState) => void>();
  #address: string | undefined;
  #sequence = 1;
  #expiresS: number;
  #state: RegistrationState = 'idle';
  #transaction: Transaction | undefined;
  #challenge: DigestChallenge | undefined;
  #nonceCount = 0;
  #failures = 0;
  #cancelNext: (() => void) | undefined;
  #closing: { resolve: () => void } | undefined;
  #closed = false;
  /** The binding the registrar granted, in seconds (0 before the first 200). */
  grantedS = 0;
  /** The last failure, for status pages and tests. */
  lastError: Error | undefined;

  constructor(options: RegistrationOptions, deps: RegistrationDeps) {
    this.#options = options;
    this.#deps = deps;
    this.#registrar = parseRegistrar(options.registrar);
    this.#expiresS = options.expiresS ?? 600;
    if (['0.0.0.0', '::', ''].includes(deps.localAddress))
      throw new ConfigError(
        `a registration needs the address the provider can reach us at, not "${deps.localAddress}": set PARLEY_SIP_ADDRESS`,
      );
  }

  get state(): RegistrationState {
    return this.#state;
  }

  get callId(): string {
    return this.#callId;
  }

  /** Calls `listener` on every change of state; returns the unsubscribe. */
  onChange(listener: (state: RegistrationState) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Sends the first REGISTER (after resolving the registrar's host). */
  start(): void {
    if (this.#state !== 'idle') return;
    this.#register();
  }

  /** Whether a response belongs to this registration. */
  owns(response: SipResponse): boolean {
    return header(response, 'Call-ID') === this.#callId;
  }

  onResponse(response: SipResponse): void {
    const transaction = this.#transaction;
    if (!transaction || header(response, 'CSeq') !== header(transaction.request, 'CSeq')) return;
    if (response.status < 200) return; // provisional: keep retransmitting (Timer E at T2)
    transaction.stopTimers();
    this.#transaction = undefined;
    if (response.status < 300) this.#succeeded(response, transaction);
    else if (response.status === 401 || response.status === 407)
      this.#challenged(response, transaction);
    else if (response.status === 423 && transaction.expiresS > 0) {
      const minimum = Number(header(response, 'Min-Expires'));
      if (!Number.isFinite(minimum) || minimum <= transaction.expiresS)
        this.#failed(this.#refusal(response, 'a 423 without a usable Min-Expires'));
      else {
        this.#expiresS = minimum;
        this.#send(minimum, false);
      }
    } else this.#failed(this.#refusal(response, 'REGISTER refused'), response);
  }

  /**
   * Removes our binding (REGISTER with Expires: 0) when we hold one, then stops every timer.
   * Resolves once the registrar answered, or after a 4 s wait, or when `signal` aborts.
   */
  async close(signal?: AbortSignal): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.#cancelNext?.();
    this.#cancelNext = undefined;
    const held = this.grantedS > 0 && this.#address !== undefined;
    this.#stopTransaction();
    if (held && !signal?.aborted) {
      const done = new Promise<void>((resolve) => (this.#closing = { resolve }));
      const cancelWait = this.#deps.clock.setTimer(4_000, () => this.#closing?.resolve());
      const onAbort = () => this.#closing?.resolve();
      signal?.addEventListener('abort', onAbort, { once: true });
      this.#send(0, false);
      await done;
      cancelWait();
      signal?.removeEventListener('abort', onAbort);
      this.#stopTransaction();
    }
    this.#setState('unregistered');
  }

  #stopTransaction(): void {
    this.#transaction?.stopTimers();
    this.#transaction = undefined;
  }

  #register(): void {
    if (this.#closed) return;
    this.#setState('registering');
    if (this.#address !== undefined) {
      this.#send(this.#expiresS, false);
      return;
    }
    const resolve = this.#deps.resolve ?? resolveIpv4;
    resolve(this.#registrar.host).then(
      (address) => {
        this.#address = address;
        this.#send(this.#expiresS, false);
      },
      (error: unknown) =>
        this.#failed(
          new ProviderError(`the SIP registrar ${this.#registrar.host} did not resolve`, {
            provider: 'sip-registrar',
            retryable: true,
            cause: error,
          }),
        ),
    );
  }

  get #contactUri(): string {
    const { localAddress, localPort } = this.#deps;
    return `sip:${this.#options.username}@${localAddress}:${localPort()};transport=udp`;
  }

  #send(expiresS: number, answeredFresh: boolean): void {
    if (this.#address === undefined) return;
    const { localAddress, localPort, clock } = this.#deps;
    const aor = `<sip:${this.#options.username}@${this.#options.domain ?? this.#registrar.host}>`;
    const sequence = this.#sequence++;
    const requestHeaders: SipHeader[] = [
      ['Via', `SIP/2.0/UDP ${localAddress}:${localPort()};branch=${newBranch()};rport`],
      ['Max-Forwards', '70'],
      ['From', `${aor};tag=${this.#fromTag}`],
      ['To', aor],
      ['Call-ID', this.#callId],
      ['CSeq', `${sequence} REGISTER`],
      ['Contact', `<${this.#contactUri}>`],
      ['Expires', String(expiresS)],
      ['Allow', 'INVITE, ACK, BYE, CANCEL, OPTIONS, REFER, NOTIFY'],
      ['User-Agent', USER_AGENT],
    ];
    if (this.#challenge) {
      const answer = answerChallenge(
        this.#challenge,
        {
          username: this.#options.authUsername ?? this.#options.username,
          password: this.#options.password,
        },
        { method: 'REGISTER', uri: this.#registrar.requestUri },
        ++this.#nonceCount,
      );
      requestHeaders.push([answer.header, answer.value]);
    }
    const request: SipRequest = {
      kind: 'request',
      method: 'REGISTER',
      uri: this.#registrar.requestUri,
      headers: requestHeaders,
      body: Buffer.alloc(0),
    };
    const address = this.#address;
    const transmit = () => this.#deps.send(request, address, this.#registrar.port);
    // Timer E (T1 doubling to T2) resends; Timer F (64·T1) gives up (§17.1.2.2).
    let cancelRetransmit = () => {};
    const retransmit = (delayMs: number) => {
      cancelRetransmit = clock.setTimer(delayMs, () => {
        transmit();
        retransmit(Math.min(delayMs * 2, T2_MS));
      });
    };
    const cancelTimeout = clock.setTimer(64 * T1_MS, () => {
      cancelRetransmit();
      this.#transaction = undefined;
      this.#failed(
        new TimeoutError(`the SIP registrar ${this.#registrar.host} did not answer`, 64 * T1_MS),
      );
    });
    this.#transaction = {
      request,
      expiresS,
      answeredFresh,
      stopTimers: () => {
        cancelRetransmit();
        cancelTimeout();
      },
    };
    transmit();
    retransmit(T1_MS);
  }

  #succeeded(response: SipResponse, transaction: Transaction): void {
    if (transaction.expiresS === 0) {
      this.grantedS = 0;
      this.#closing?.resolve();
      return;
    }
    if (this.#closed) return;
    this.#failures = 0;
    this.lastError = undefined;
    this.grantedS = grantedExpiresS(response, this.#contactUri, transaction.expiresS);
    this.#setState('registered');
    this.#cancelNext = this.#deps.clock.setTimer(refreshDelayMs(this.grantedS), () =>
      this.#register(),
    );
  }

  #challenged(response: SipResponse, transaction: Transaction): void {
    const name = response.status === 401 ? 'WWW-Authenticate' : 'Proxy-Authenticate';
    const target = response.status === 401 ? 'Authorization' : 'Proxy-Authorization';
    let challenge: DigestChallenge | undefined;
    try {
      challenge = chooseChallenge(headers(response, name).map((v) => parseChallenge(v, target)));
    } catch (error) {
      this.#failed(this.#refusal(response, 'an unreadable challenge', error));
      return;
    }
    if (!challenge) {
      this.#failed(this.#refusal(response, `no Digest challenge we can answer in ${name}`));
      return;
    }
    // Credentials answered to a fresh challenge and refused again, nonce not stale: wrong password.
    if (transaction.answeredFresh && !challenge.stale) {
      this.#challenge = undefined;
      this.#failed(this.#refusal(response, 'the registrar refused our credentials'), response);
      return;
    }
    this.#challenge = challenge;
    this.#nonceCount = 0;
    this.#send(transaction.expiresS, true);
  }

  #refusal(response: SipResponse, what: string, cause?: unknown): ProviderError {
    return new ProviderError(`${what}: ${response.status} ${response.reason}`, {
      provider: 'sip-registrar',
      retryable: response.status >= 500 || response.status === 408,
      statusCode: response.status,
      ...(cause === undefined ? {} : { cause }),
    });
  }

  #failed(error: Error, response?: SipResponse): void {
    if (this.#closing) {
      this.#closing.resolve();
      return;
    }
    if (this.#closed) return;
    this.lastError = error;
    this.grantedS = 0;
    this.#failures++;
    this.#deps.onProblem('sip: registration failed', error);
    this.#setState('failed');
    const retryAfterS = response ? Number.parseInt(header(response, 'Retry-After') ?? '', 10) : NaN;
    this.#cancelNext = this.#deps.clock.setTimer(
      retryDelayMs(this.#failures, Number.isNaN(retryAfterS) ? undefined : retryAfterS),
      () => this.#register(),
    );
  }

  #setState(state: RegistrationState): void {
    if (this.#state === state) return;
    this.#state = state;
    for (const listener of this.#listeners) listener(state);
  }
}

/** Resolves when `registration` reaches `state`; rejects with AbortedError on `signal`. */
export function waitForRegistration(
  registration: SipRegistration,
  state: RegistrationState,
  signal?: AbortSignal,
): Promise<void> {
  if (registration.state === state) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      unsubscribe();
      reject(
        new AbortedError(`waiting for the registration to be ${state}`, { cause: signal?.reason }),
      );
    };
    const unsubscribe = registration.onChange((now) => {
      if (now !== state) return;
      unsubscribe();
      signal?.removeEventListener('abort', onAbort);
      resolve();
    });
    if (signal?.aborted) onAbort();
    else signal?.addEventListener('abort', onAbort, { once: true });
  });
}

async function resolveIpv4(host: string): Promise<string> {
  if (isIP(host) !== 0) return host;
  return (await lookup(host, { family: 4 })).address;
}
