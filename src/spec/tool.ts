import type { CallerIdentity } from './identity.ts';

/** A JSON Schema object (draft 2020-12 subset) describing a tool's arguments. */
export type JsonSchema = { readonly [key: string]: unknown };

/** What the LLM is told about a tool. */
export interface ToolSpec {
  readonly name: string;
  readonly description: string;
  readonly parameters: JsonSchema;
}

export interface ToolContext {
  readonly signal: AbortSignal;
  /** Report progress to the client (`tool.progress`): fraction in [0, 1]. */
  reportProgress(fraction: number, label?: string): void;
  readonly sessionId: string;
  /** Who the caller is (anonymous unless the application or telephony vouched): tools enforce ownership with it. */
  readonly caller: CallerIdentity;
}

export interface ToolDefinition<Args = never, Result = unknown> extends ToolSpec {
  execute(args: Args, context: ToolContext): Promise<Result>;
  /** Default from the registry when absent. */
  readonly timeoutMs?: number;
  /** Said while the tool runs, if it takes longer than the agent's filler threshold. */
  readonly filler?: string;
  /** True when the tool changes the world (refund, booking): its answers are never cached. */
  readonly sideEffects?: boolean;
}

/** A tool of any argument type, as held in a registry. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyToolDefinition = ToolDefinition<any, unknown>;
