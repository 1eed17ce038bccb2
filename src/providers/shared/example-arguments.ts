/**
 * The arguments a scripted fake model gives a tool, so that a shipped agent's tool really
 * runs: each required property gets the example its description quotes (`e.g. "4571"`),
 * else its first `enum` value, else the user's words (numbers get 1, booleans true).
 */
export function exampleArguments(schema: unknown, userText: string): Record<string, unknown> {
  const { properties = {}, required = [] } = (schema ?? {}) as {
    properties?: Record<string, { type?: string; description?: string; enum?: unknown[] }>;
    required?: string[];
  };
  const args: Record<string, unknown> = {};
  for (const name of required) {
    const property = properties[name] ?? {};
    const example = /e\.g\.,? "([^"]+)"/.exec(property.description ?? '')?.[1];
    if (property.enum?.length) args[name] = property.enum[0];
    else if (property.type === 'number' || property.type === 'integer') args[name] = 1;
    else if (property.type === 'boolean') args[name] = true;
    else args[name] = example ?? (userText.trim() || 'yes');
  }
  return args;
}
