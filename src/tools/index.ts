export { createToolRegistry, DEFAULT_TOOL_TIMEOUT_MS, toolOutcomeContent } from './registry.ts';
export type { ToolOutcome, ToolRegistry } from './registry.ts';
export { compileSchema, parseToolArguments } from './validate.ts';
export { executeWithTimeout } from './execute.ts';
