import { ProviderError, type ParleyError } from '../../spec/errors.ts';
import { toParleyError } from '../resilience/errors.ts';
import type { WsConnection } from '../resilience/ws.ts';
import type { WsFrame } from './routed-socket.ts';

/** One vendor stream over its own socket, as the parts that differ between vendors. */
export interface VendorSocketRun<Part> {
  readonly provider: string;
  /** The caller's signal: an abort ends the stream quietly. */
  readonly signal: AbortSignal;
  /** Opens the socket (with its retries); `signal` aborts when the stream ends. */
  readonly connect: (signal: AbortSignal) => Promise<WsConnection>;
  /** Sends the input until it ends or `signal` aborts; a throw fails the stream. */
  readonly pump: (connection: WsConnection, signal: AbortSignal) => Promise<void>;
  /** One frame from the vendor: the parts it makes; returns true when the stream is complete. */
  readonly onFrame: (frame: WsFrame) => Generator<Part, boolean | void>;
  /** Whether the vendor closing with `code` is the stream's normal end. Default: never. */
  readonly closeIsEnd?: (code: number) => boolean;
  /** Close codes after which a retry cannot help. Default 1008 (policy: key, quota, request). */
  readonly fatalCloseCodes?: readonly number[];
  /** Releases the run's own timers; called once at the end. */
  readonly cleanup?: () => void;
}

type ErrorPart = { readonly type: 'error'; readonly error: ParleyError };

/**
 * The connect → pump → read loop every per-stream vendor socket shares: frames become parts
 * through `onFrame`; a failure of the input, the socket or the vendor becomes one typed
 * `error` part; an abort ends the stream with nothing more; the socket never outlives it.
 */
export async function* runVendorSocket<Part>(
  run: VendorSocketRun<Part>,
): AsyncGenerator<Part | ErrorPart> {
  const { signal, provider } = run;
  if (signal.aborted) return;
  const stop = new AbortController();
  const onAbort = (): void => stop.abort();
  signal.addEventListener('abort', onAbort, { once: true });
  let connection: WsConnection | undefined;
  let pumpError: unknown;
  try {
    connection = await run.connect(stop.signal);
    const open = connection;
    void run.pump(open, stop.signal).catch((error: unknown) => {
      pumpError = error;
      open.close(true);
    });
    for await (const event of open.events) {
      if (signal.aborted) return;
      if (event.type === 'error') throw event.error;
      if (event.type === 'close') {
        if (pumpError !== undefined) throw toParleyError(pumpError, provider);
        if (run.closeIsEnd?.(event.code)) return;
        const fatal = run.fatalCloseCodes ?? [1008];
        throw new ProviderError(`${provider}: socket closed (${event.code} ${event.reason})`, {
          provider,
          retryable: !fatal.includes(event.code),
          cause: new Error(event.reason || `close ${event.code}`),
        });
      }
      if (yield* run.onFrame(event)) return;
    }
  } catch (error) {
    if (signal.aborted) return;
    yield { type: 'error', error: toParleyError(error, provider) };
  } finally {
    signal.removeEventListener('abort', onAbort);
    stop.abort();
    run.cleanup?.();
    connection?.close();
  }
}
