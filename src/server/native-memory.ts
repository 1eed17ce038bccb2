import { createRequire } from 'node:module';

/**
 * glibc keeps memory that native engines free (pocketsphinx decoders, ONNX sessions; much of it
 * allocated on libuv's worker threads, in their own malloc arenas) for reuse instead of giving
 * it back, so a server's RSS stays at its busiest moment: measured, 16 offline sessions
 * left 898 MB resident and `malloc_trim(0)` brought it to 425 MB, the same as after 8. This
 * trims once sessions have closed and the server has been quiet a moment.
 */
export interface MemoryTrimmer {
  /** A session ended: trim after `quietMs` without another (at most once per `minIntervalMs`). */
  sessionClosed(): void;
  /** Trims made so far. */
  readonly trims: number;
  close(): void;
}

export interface MemoryTrimmerOptions {
  readonly quietMs?: number;
  readonly minIntervalMs?: number;
  /** Default: glibc's `malloc_trim(0)` through koffi; undefined where there is none. */
  readonly trim?: (() => void) | undefined;
}

type KoffiModule = {
  load(name: string): { func(signature: string): (pad: number) => number };
};

/** glibc's malloc_trim, or undefined when koffi (an optional peer) or glibc is missing. */
export function glibcMallocTrim(): (() => void) | undefined {
  if (process.platform !== 'linux') return undefined;
  let koffi: KoffiModule;
  try {
    koffi = createRequire(import.meta.url)('koffi') as KoffiModule;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'MODULE_NOT_FOUND') return undefined;
    throw error;
  }
  let trim: (pad: number) => number;
  try {
    trim = koffi.load('libc.so.6').func('int malloc_trim(size_t pad)');
  } catch (error) {
    // Not glibc (musl, e.g. Alpine): its allocator returns memory on its own.
    if (error instanceof Error && /libc\.so\.6|malloc_trim/.test(error.message)) return undefined;
    throw error;
  }
  return () => void trim(0);
}

export function createMemoryTrimmer(options: MemoryTrimmerOptions = {}): MemoryTrimmer {
  const quietMs = options.quietMs ?? 2_000;
  const minIntervalMs = options.minIntervalMs ?? 5_000;
  const trim = 'trim' in options ? options.trim : glibcMallocTrim();
  let timer: NodeJS.Timeout | undefined;
  let lastTrimMs = Number.NEGATIVE_INFINITY;
  let trims = 0;
  let closed = false;
  const run = () => {
    timer = undefined;
    const waitMs = lastTrimMs + minIntervalMs - performance.now();
    if (waitMs > 0) {
      timer = setTimeout(run, waitMs).unref();
      return;
    }
    lastTrimMs = performance.now();
    trims += 1;
    trim?.();
  };
  return {
    get trims() {
      return trims;
    },
    sessionClosed() {
      if (closed || !trim) return;
      if (timer) clearTimeout(timer);
      timer = setTimeout(run, quietMs).unref();
    },
    close() {
      closed = true;
      if (timer) clearTimeout(timer);
      timer = undefined;
    },
  };
}
