import type { ServerResponse } from 'node:http';
import {
  startTestHttpServer,
  writeJsonError,
  type TestHttpServer,
} from '../resilience/test-http-server.ts';
import { textChunks, toolChunks } from './__fixtures__/chat-chunks.ts';
import { openAIChatRefusal, type ChatRequestBody } from './chat-rules.ts';
import type { CompatiblePresetName } from './presets.ts';

type Body = ChatRequestBody & { model: string; max_tokens?: number; [field: string]: unknown };

export interface CompatibleFakeOptions {
  /** vLLM only: the server was started with --enable-auto-tool-choice --tool-call-parser. */
  readonly toolParser?: boolean;
  /** vLLM only: the model the server serves. Default `Qwen/Qwen2.5-7B-Instruct`. */
  readonly servedModel?: string;
}

/** Cerebras refuses these with 400 (https://inference-docs.cerebras.ai/resources/openai). */
const CEREBRAS_UNSUPPORTED = [
  'frequency_penalty',
  'presence_penalty',
  'logit_bias',
  'parallel_tool_calls',
  'service_tier',
];

function writeChunks(response: ServerResponse, chunks: readonly string[], between = ''): void {
  response.writeHead(200, { 'content-type': 'text/event-stream' });
  for (const data of chunks) response.write(`${between}data: ${data}\n\n`);
  response.end();
}

/** The fixture chunks with usage carried as `x_groq.usage` on the finish chunk, as Groq streams it. */
function groqChunks(chunks: readonly string[]): string[] {
  const parsed = chunks
    .filter((c) => c !== '[DONE]')
    .map((c) => JSON.parse(c) as Record<string, unknown>);
  const usage = parsed.find((c) => c['usage'])?.['usage'];
  const kept = parsed.filter((c) => !c['usage']);
  const last = kept.at(-1);
  if (last) last['x_groq'] = { id: 'req_1', usage };
  return [...kept.map((c) => JSON.stringify(c)), '[DONE]'];
}

/** The fixture chunks without the usage chunk and with llama.cpp's `timings` on the last one. */
function llamaCppChunks(chunks: readonly string[]): string[] {
  const kept = chunks.filter(
    (c) => c === '[DONE]' || !(JSON.parse(c) as { usage?: unknown }).usage,
  );
  const finish = kept.length - 2;
  const last = JSON.parse(kept[finish] ?? '{}') as Record<string, unknown>;
  last['timings'] = { prompt_n: 21, predicted_n: 3, predicted_ms: 40 };
  return kept.map((c, i) => (i === finish ? JSON.stringify(last) : c));
}

/** Text chunks cut to `maxTokens` content deltas, ending with finish_reason `length`. */
function capped(chunks: readonly string[], maxTokens: number): string[] {
  const out: string[] = [];
  let deltas = 0;
  for (const chunk of chunks) {
    if (chunk === '[DONE]') break;
    const parsed = JSON.parse(chunk) as { choices: { delta: { content?: string } }[] };
    if (parsed.choices[0]?.delta.content) deltas++;
    if (deltas > maxTokens) break;
    out.push(chunk);
  }
  const stop = {
    id: 'chatcmpl-1',
    object: 'chat.completion.chunk',
    choices: [{ index: 0, delta: {}, finish_reason: 'length' }],
  };
  return [...out, JSON.stringify(stop), '[DONE]'];
}

/**
 * A local OpenAI-compatible server that reproduces one preset's documented quirk:
 * groq (usage in `x_groq`), cerebras (refuses unsupported fields), openrouter
 * (`: OPENROUTER PROCESSING` comments), ollama (no key; honours `max_tokens` only),
 * vllm (tools refused unless started with a tool parser; one served model),
 * llama.cpp (no usage chunk). Requests with tools get tool-call chunks.
 */
export async function startCompatibleTestServer(
  preset: CompatiblePresetName,
  options: CompatibleFakeOptions = {},
): Promise<TestHttpServer> {
  return startTestHttpServer((request, response) => {
    const body = JSON.parse(request.body.toString('utf8')) as Body;
    const refusal = openAIChatRefusal(body, () => true);
    if (refusal) return writeJsonError(response, refusal.status, refusal.body);
    const withTools = (body.tools ?? []).length > 0;
    const chunks = withTools ? toolChunks : textChunks;
    switch (preset) {
      case 'groq':
        return writeChunks(response, groqChunks(chunks));
      case 'cerebras': {
        const field = CEREBRAS_UNSUPPORTED.find((name) => body[name] !== undefined);
        if (field) {
          return writeJsonError(response, 400, {
            message: `Unsupported parameter: ${field}`,
            type: 'invalid_request_error',
            param: field,
            code: 'wrong_api_format',
          });
        }
        return writeChunks(response, chunks);
      }
      case 'openrouter':
        return writeChunks(response, chunks, ': OPENROUTER PROCESSING\n\n');
      case 'ollama':
        // Fields outside its documented list (max_completion_tokens among them) are ignored.
        return writeChunks(
          response,
          body.max_tokens !== undefined ? capped(chunks, body.max_tokens) : chunks,
        );
      case 'vllm': {
        const served = options.servedModel ?? 'Qwen/Qwen2.5-7B-Instruct';
        if (body.model !== served) {
          return writeJsonError(response, 404, {
            object: 'error',
            message: `The model \`${body.model}\` does not exist.`,
            type: 'NotFoundError',
            param: null,
            code: 404,
          });
        }
        if (withTools && !options.toolParser) {
          return writeJsonError(response, 400, {
            object: 'error',
            message:
              '"auto" tool choice requires --enable-auto-tool-choice and --tool-call-parser to be set',
            type: 'BadRequestError',
            param: null,
            code: 400,
          });
        }
        return writeChunks(response, chunks);
      }
      case 'llama.cpp':
        return writeChunks(response, llamaCppChunks(chunks));
    }
  });
}
