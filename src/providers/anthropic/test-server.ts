import {
  startTestHttpServer,
  writeJsonError,
  writeSse,
  type TestHttpServer,
} from '../resilience/test-http-server.ts';
import { overloadedEvents, textEvents, toolEvents } from './__fixtures__/events.ts';

const apiError = (type: string, message: string) => ({ type: 'error', error: { type, message } });

/**
 * A local server speaking Anthropic's Messages API. The scenario is the request's
 * `model`: `text`, `tools`, `flaky-529`, `status-500`, `status-400`, `hang`,
 * `disconnect`, `malformed`, `overloaded` (an error event mid-stream).
 */
export async function startAnthropicTestServer(): Promise<TestHttpServer> {
  const attempts = new Map<string, number>();
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
    const { model } = JSON.parse(request.body.toString('utf8')) as { model: string };
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
        return writeJsonError(response, 404, apiError('not_found_error', `model: ${model}`));
    }
  });
}
