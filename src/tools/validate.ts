import { Ajv, type ValidateFunction } from 'ajv';
import { InvalidToolArgumentsError } from '../spec/errors.ts';
import type { JsonSchema } from '../spec/tool.ts';

const ajv = new Ajv({ allErrors: true, strict: false, coerceTypes: false });
const compiled = new WeakMap<JsonSchema, ValidateFunction>();
/** Validators by schema text, so equal schemas rebuilt per session share one compilation. */
const compiledByText = new Map<string, ValidateFunction>();
const MAX_SHARED_SCHEMAS = 512;

/**
 * Compiles a schema once per process and returns its validator: by object, then by its
 * JSON text (an agent rebuilt for each session compiles nothing new). Throws on an
 * invalid schema.
 */
export function compileSchema(schema: JsonSchema): ValidateFunction {
  let validate = compiled.get(schema);
  if (validate) return validate;
  const text = JSON.stringify(schema);
  validate = compiledByText.get(text);
  if (!validate) {
    validate = ajv.compile(structuredClone(schema));
    if (compiledByText.size >= MAX_SHARED_SCHEMAS)
      compiledByText.delete(compiledByText.keys().next().value ?? text);
    compiledByText.set(text, validate);
  }
  compiled.set(schema, validate);
  return validate;
}

/**
 * Parses a tool call's JSON arguments and checks them against the tool's
 * schema. The error message is written for the LLM to read and correct.
 */
export function parseToolArguments(
  toolName: string,
  schema: JsonSchema,
  argumentsJson: string,
): unknown {
  let args: unknown;
  try {
    args = argumentsJson.trim() === '' ? {} : JSON.parse(argumentsJson);
  } catch (error: unknown) {
    throw new InvalidToolArgumentsError(
      `Arguments for ${toolName} are not valid JSON: ${(error as Error).message}`,
      toolName,
      { cause: error },
    );
  }
  const validate = compileSchema(schema);
  if (!validate(args)) {
    const problems = (validate.errors ?? [])
      .map((e) => `${e.instancePath || '(root)'} ${e.message ?? 'is invalid'}`)
      .join('; ');
    throw new InvalidToolArgumentsError(
      `Invalid arguments for ${toolName}: ${problems}`,
      toolName,
      { cause: validate.errors },
    );
  }
  return args;
}
