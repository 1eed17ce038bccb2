/** A tool call made while producing an answer, as far as caching cares. */
export interface ToolCallMade {
  readonly name: string;
  /** True when the tool changes the world (refund, booking). */
  readonly sideEffects?: boolean;
}

/**
 * Whether an answer may go into the semantic cache: only when no tool call
 * that changes the world took part in it. Read-only tools are fine.
 */
export function shouldCache(toolCallsMade: readonly ToolCallMade[]): boolean {
  return toolCallsMade.every((call) => call.sideEffects !== true);
}
