import { Ajv, type ValidateFunction } from 'ajv';
import { InvalidToolArgumentsError } from '../spec/errors.ts';
import type { JsonSchema } from '../spec/tool.ts';

const ajv = new Ajv({ allErrors: true, strict: false, coerceTypes: false });
const compiled = new WeakMap<JsonSchema, ValidateFunction>();

/** Compiles (once per schema object) and returns a validator. Throws on an invalid schema. */
export function compileSchema(schema: JsonSchema): ValidateFunction {
  let validate = compiled.get(schema);
  if (!validate) {
    validate = ajv.compile(schema);
    compiled.set(schema, validate);
  }
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
