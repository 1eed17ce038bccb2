import type { Clock } from '../spec/clock.ts';
import { ConfigError, InvalidToolArgumentsError, ParleyError } from '../spec/errors.ts';
import type { CallerIdentity } from '../spec/identity.ts';
import type { ToolCall } from '../spec/llm.ts';
import type { AnyToolDefinition, ToolContext, ToolSpec } from '../spec/tool.ts';
import { systemClock } from '../stream/system-clock.ts';
import { executeWithTimeout } from './execute.ts';
import { compileSchema, parseToolArguments } from './validate.ts';

export type ToolOutcome =
  | { readonly ok: true; readonly args: unknown; readonly result: unknown }
  | { readonly ok: false; readonly args: unknown; readonly error: ParleyError };

export interface ToolRegistry {
  /** What the LLM is told. */
  readonly specs: readonly ToolSpec[];
  get(name: string): AnyToolDefinition | undefined;
  /**
   * Validates and runs one call. Never throws for a bad call or a failing tool:
   * the outcome carries the error for the LLM to recover from. Throws only
   * AbortedError when `signal` aborts.
   */
  run(
    call: ToolCall,
    options: {
      readonly signal: AbortSignal;
      readonly sessionId: string;
      readonly caller?: CallerIdentity;
      readonly reportProgress: ToolContext['reportProgress'];
    },
  ): Promise<ToolOutcome>;
}

export const DEFAULT_TOOL_TIMEOUT_MS = 10_000;

/** The tools of one agent. A call to any other name is refused: an agent only calls its own tools. */
export function createToolRegistry(
  tools: readonly AnyToolDefinition[],
  options: { readonly clock?: Clock; readonly defaultTimeoutMs?: number } = {},
): ToolRegistry {
  const clock = options.clock ?? systemClock;
  const byName = new Map<string, AnyToolDefinition>();
  for (const tool of tools) {
    if (byName.has(tool.name)) throw new ConfigError(`Duplicate tool name: ${tool.name}`);
    compileSchema(tool.parameters);
    byName.set(tool.name, tool);
  }
  const specs = tools.map(({ name, description, parameters }) => ({
    name,
    description,
    parameters,
  }));

  return {
    specs,
    get: (name) => byName.get(name),
    async run(call, runOptions) {
      const tool = byName.get(call.name);
      if (!tool) {
        const known = [...byName.keys()].join(', ') || 'none';
        return {
          ok: false,
          args: undefined,
          error: new InvalidToolArgumentsError(
            `Unknown tool ${call.name}. Available tools: ${known}.`,
            call.name,
          ),
        };
      }
      let args: unknown;
      try {
        args = parseToolArguments(tool.name, tool.parameters, call.argumentsJson);
      } catch (error: unknown) {
        return { ok: false, args: undefined, error: error as ParleyError };
      }
      try {
        const result = await executeWithTimeout(tool, args, {
          clock,
          timeoutMs: tool.timeoutMs ?? options.defaultTimeoutMs ?? DEFAULT_TOOL_TIMEOUT_MS,
          signal: runOptions.signal,
          sessionId: runOptions.sessionId,
          ...(runOptions.caller !== undefined && { caller: runOptions.caller }),
          reportProgress: runOptions.reportProgress,
        });
        return { ok: true, args, result };
      } catch (error: unknown) {
        if (runOptions.signal.aborted) throw error;
        return { ok: false, args, error: error as ParleyError };
      }
    },
  };
}

/** The text a tool result becomes in the conversation. */
export function toolOutcomeContent(outcome: ToolOutcome): string {
  if (outcome.ok) {
    return typeof outcome.result === 'string'
      ? outcome.result
      : JSON.stringify(outcome.result ?? null);
  }
  return JSON.stringify({ error: outcome.error.message });
}
