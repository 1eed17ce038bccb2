import { AbortedError } from '../../spec/errors.ts';
import type { AnyToolDefinition } from '../../spec/tool.ts';
import type { RealtimeTool } from './session-config.ts';

/** How long a client tool may take to answer before Parley gives up on it. */
export const CLIENT_TOOL_TIMEOUT_MS = 60_000;

/**
 * Tools the Realtime client defines and runs itself. To Parley they are ordinary tools
 * whose `execute` waits for the client's `function_call_output`: the session announces
 * each call (`tool.call`, with the id the client sees as `call_id`) just before running it.
 */
export class ClientToolBridge {
  readonly #announced = new Map<string, string[]>();
  readonly #waiting = new Map<string, (output: string) => void>();
  readonly #names = new Set<string>();

  get names(): ReadonlySet<string> {
    return this.#names;
  }

  /** The session emitted `tool.call` for `name`: its `execute` comes next. */
  announce(name: string, callId: string): void {
    if (!this.#names.has(name)) return;
    const list = this.#announced.get(name) ?? [];
    list.push(callId);
    this.#announced.set(name, list);
  }

  /** The client's output for a call; false when no call with that id is waiting. */
  deliver(callId: string, output: string): boolean {
    const resolve = this.#waiting.get(callId);
    if (!resolve) return false;
    this.#waiting.delete(callId);
    resolve(output);
    return true;
  }

  isWaiting(callId: string): boolean {
    return this.#waiting.has(callId);
  }

  definitions(tools: readonly RealtimeTool[]): AnyToolDefinition[] {
    this.#names.clear();
    for (const tool of tools) this.#names.add(tool.name);
    return tools.map((tool) => ({
      name: tool.name,
      description: tool.description,
      parameters: tool.parameters,
      timeoutMs: CLIENT_TOOL_TIMEOUT_MS,
      sideEffects: true,
      execute: (_args: unknown, context: { signal: AbortSignal }) =>
        this.#wait(tool.name, context.signal),
    }));
  }

  #wait(name: string, signal: AbortSignal): Promise<unknown> {
    const callId = this.#announced.get(name)?.shift();
    if (callId === undefined)
      return Promise.reject(new Error(`client tool ${name} ran without an announced call`));
    return new Promise<unknown>((resolve, reject) => {
      const onAbort = (): void => {
        this.#waiting.delete(callId);
        reject(new AbortedError(`client tool ${name} aborted`, { cause: signal.reason }));
      };
      signal.addEventListener('abort', onAbort, { once: true });
      this.#waiting.set(callId, (output) => {
        signal.removeEventListener('abort', onAbort);
        resolve(parseOutput(output));
      });
    });
  }
}

/** The client's output as the tool result: JSON when it parses, the text otherwise. */
function parseOutput(output: string): unknown {
  try {
    return JSON.parse(output) as unknown;
  } catch {
    return output;
  }
}
