import type { SessionTts, TtsModel } from '../../../spec/tts.ts';
import { type EngineRun, type StartedEngine, startEngine } from './child.ts';
import { runTts, type TtsRunConfig } from './run-tts.ts';

interface Spare {
  readonly key: string;
  readonly engine: StartedEngine;
  readonly controller: AbortController;
}

/**
 * One engine process started ahead for a conversation, waiting on stdin, so that the first
 * chunk of the next reply skips the process start (fork/exec on the server's main thread, the
 * engine loading its voice: 100–300 ms on a loaded machine, against 10–40 ms of synthesis).
 * Worth it for espeak-ng, which loads its voice before reading stdin (first audio 16–40 →
 * 1–7 ms at load 7); RHVoice reads first and loads after, so it gains nothing and runs cold.
 * The spare is started after a chunk's engine has exited (off the critical path), for the same
 * command and arguments; any other command runs cold. `close` kills the spare.
 */
export class WarmEngine {
  readonly #provider: string;
  #spare: Spare | undefined;
  #closed = false;

  constructor(provider: string) {
    this.#provider = provider;
  }

  /** Runs the command on `input`: on the waiting spare when it matches, else a new process. */
  run(command: string, args: readonly string[], input: string, signal: AbortSignal): EngineRun {
    const key = JSON.stringify([command, ...args]);
    const spare = this.#spare;
    this.#spare = undefined;
    const warm = spare?.key === key && !spare.engine.exited ? spare : undefined;
    if (spare && !warm) spare.controller.abort();
    const chosen = warm ?? this.#start(key, command, args);
    const onAbort = () => chosen.controller.abort(signal.reason);
    if (signal.aborted) onAbort();
    else signal.addEventListener('abort', onAbort, { once: true });
    chosen.engine.write(input);
    const { run } = chosen.engine;
    void run.finished
      .finally(() => signal.removeEventListener('abort', onAbort))
      .then(
        () => this.#warmUp(key, command, args),
        // A failed chunk is reported by its reader; no spare is kept for a failing engine.
        () => undefined,
      );
    return run;
  }

  /** The process waiting for the next chunk, if any. */
  get sparePid(): number | undefined {
    return this.#spare?.engine.run.pid;
  }

  /** The spare is killed; nothing is started after this. */
  close(): void {
    this.#closed = true;
    this.#spare?.controller.abort();
    this.#spare = undefined;
  }

  #warmUp(key: string, command: string, args: readonly string[]): void {
    if (this.#closed || this.#spare !== undefined) return;
    this.#spare = this.#start(key, command, args);
  }

  #start(key: string, command: string, args: readonly string[]): Spare {
    const controller = new AbortController();
    const engine = startEngine(this.#provider, command, args, controller.signal);
    return { key, engine, controller };
  }
}

/**
 * The model with `openSession`: each conversation streams through its own `WarmEngine`,
 * closed with it. `stream` on the model itself stays cold (one process per chunk).
 */
export function withWarmSessions(model: TtsModel, config: TtsRunConfig): TtsModel {
  return {
    ...model,
    openSession: (): SessionTts => {
      const warm = new WarmEngine(config.provider);
      return {
        provider: model.provider,
        model: model.model,
        capabilities: model.capabilities,
        stream: (options) => runTts(options, { ...config, warm }),
        close: () => {
          warm.close();
          return Promise.resolve();
        },
      };
    },
  };
}
