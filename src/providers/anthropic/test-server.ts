import {
  startTestHttpServer,
  writeJsonError,
  writeSse,
  type TestHttpServer,
} from '../resilience/test-http-server.ts';
import { overloadedEvents, textEvents, toolEvents } from './__fixtures__/events.ts';
import { anthropicRefusal, type AnthropicRequestBody } from './rules.ts';
import { exampleArguments } from '../shared/example-arguments.ts';

const SCENARIOS = [
  'text',
  'tools',
  'flaky-529',
  'status-500',
  'status-400',
  'hang',
  'disconnect',
  'malformed',
  'overloaded',
];
/** Real model names the fake answers like `text` (https://docs.anthropic.com/en/docs/about-claude/models). */
const REAL_MODELS = ['claude-haiku-4-5', 'claude-sonnet-4-5', 'claude-opus-4-1'];
const knownModel = (model: string) => SCENARIOS.includes(model) || REAL_MODELS.includes(model);

const apiError = (type: string, message: string) => ({ type: 'error', error: { type, message } });

/**
 * A strict local server speaking Anthropic's Messages API: it refuses, with the API's
 * own error bodies, what the API refuses (rules.ts). The scenario is the request's
 * `model`: `text`, `tools`, `flaky-529`, `status-500`, `status-400`, `hang`,
 * `disconnect`, `malformed`, `overloaded` (an error event mid-stream).
 */
export async function startAnthropicTestServer(): Promise<TestHttpServer> {
  const attempts = new Map<string, number>();
  let requestCount = 0;
  return startTestHttpServer((request, response) => {
    if (request.headers['x-api-key'] !== 'test-key') {
      return writeJsonError(response, 401, apiError('authentication_error', 'invalid x-api-key'));
    }
    if (request.headers['anthropic-version'] !== '2023-06-01' || request.url !== '/v1/messages') {
      return writeJsonError(
        response,
        400,
        apiError('invalid_request_error', 'bad version or path'),
      );
    }
    const body = JSON.parse(request.body.toString('utf8')) as AnthropicRequestBody;
    const refusal = anthropicRefusal(body, knownModel);
    if (refusal) return writeJsonError(response, refusal.status, refusal.body);
    const model = String(body.model);
    const count = (attempts.get(model) ?? 0) + 1;
    attempts.set(model, count);
    switch (model) {
      case 'text':
        return writeSse(response, textEvents);
      case 'tools':
        return writeSse(response, toolEvents);
      case 'flaky-529':
        if (count <= 1)
          return writeJsonError(response, 529, apiError('overloaded_error', 'Overloaded'));
        return writeSse(response, textEvents);
      case 'status-500':
        return writeJsonError(response, 500, apiError('api_error', 'Internal server error'));
      case 'status-400':
        return writeJsonError(
          response,
          400,
          apiError('invalid_request_error', 'messages: required'),
        );
      case 'hang':
        return;
      case 'disconnect':
        return writeSse(response, textEvents.slice(0, 4), 'destroy');
      case 'malformed':
        return writeSse(response, [
          ...textEvents.slice(0, 4),
          { event: 'content_block_delta', data: '{"type":' },
        ]);
      case 'overloaded':
        return writeSse(response, overloadedEvents);
      default:
        return writeSse(response, agentEvents(body, ++requestCount));
    }
  });
}

/**
 * Real model names act like an agent's model: with tools offered and a user text turn
 * last, they call the first tool (a fresh `toolu_` id per request, `exampleArguments` input); otherwise
 * they answer with text.
 */
function agentEvents(
  body: AnthropicRequestBody,
  count: number,
): readonly { event: string; data: string }[] {
  const last = body.messages?.at(-1);
  const content = last?.content;
  const lastIsText =
    typeof content === 'string' ||
    (Array.isArray(content) && content.every((block) => block.type === 'text'));
  const first = (body as { tools?: { name?: string; input_schema?: unknown }[] }).tools?.[0];
  const tool = first?.name;
  if (tool === undefined || last?.role !== 'user' || !lastIsText) return textEvents;
  const said =
    typeof content === 'string'
      ? content
      : (content ?? []).map((block) => (block as { text?: string }).text ?? '').join(' ');
  const args = JSON.stringify(exampleArguments(first?.input_schema, said));
  const e = (event: string, data: object) => ({
    event,
    data: JSON.stringify({ type: event, ...data }),
  });
  return [
    textEvents[0] ?? e('message_start', {}),
    e('content_block_start', {
      index: 0,
      content_block: { type: 'tool_use', id: `toolu_${count}`, name: tool, input: {} },
    }),
    e('content_block_delta', { index: 0, delta: { type: 'input_json_delta', partial_json: args } }),
    e('content_block_stop', { index: 0 }),
    e('message_delta', {
      delta: { stop_reason: 'tool_use', stop_sequence: null },
      usage: { output_tokens: 9 },
    }),
    e('message_stop', {}),
  ];
}
