import { Buffer } from 'node:buffer';
import {
  startTestHttpServer,
  writeJsonError,
  writeSse,
  type RecordedRequest,
  type TestHttpServer,
} from '../resilience/test-http-server.ts';
import { textChunks, toolChunks } from './__fixtures__/chat-chunks.ts';
import {
  SPEECH_MODELS,
  speechRefusal,
  TRANSCRIPTION_MODELS,
  transcriptionLanguageRefusal,
} from './audio-rules.ts';
import { openAIChatRefusal, type ChatRequestBody } from './chat-rules.ts';
import { exampleArguments } from '../shared/example-arguments.ts';

/** Failure scenarios, named by the request's `model`. */
const SCENARIOS = [
  'text',
  'tools',
  'no-done',
  'flaky-429',
  'quota',
  'status-500',
  'status-400',
  'hang',
  'disconnect',
  'malformed',
  'stream-error',
];
/** Real model names the fake also answers (with the `text` scenario). */
const REAL_CHAT_MODELS = ['gpt-4o-mini', 'gpt-4.1-mini', 'gpt-5-mini', 'o4-mini'];
const knownChatModel = (model: string) =>
  SCENARIOS.includes(model) || REAL_CHAT_MODELS.includes(model);
const knownSpeechModel = (model: string) =>
  SPEECH_MODELS.includes(model) || ['status-500', 'hang', 'disconnect'].includes(model);
const knownTranscriptionModel = (model: string) =>
  TRANSCRIPTION_MODELS.includes(model) || ['status-500', 'hang', 'malformed'].includes(model);

/**
 * A strict local server speaking OpenAI's REST protocol: it refuses, with the API's
 * own error bodies, what the API refuses (see chat-rules.ts and audio-rules.ts). The
 * scenario is chosen by the request's `model`: `text`, `tools`, `no-done` (no `[DONE]`),
 * `flaky-429` (429 twice with `Retry-After: 0`, then text), `quota` (429
 * insufficient_quota), `status-500`, `status-400`, `hang`, `disconnect`, `malformed`,
 * `stream-error`; real model names answer like `text`. `/audio/speech` returns PCM16
 * 24 kHz; `/audio/transcriptions` answers `heard <ms of WAV audio> ms`.
 */
export async function startOpenAITestServer(): Promise<TestHttpServer> {
  const attempts = new Map<string, number>();
  let requestCount = 0;
  return startTestHttpServer((request, response) => {
    if (request.headers.authorization !== 'Bearer test-key') {
      writeJsonError(response, 401, {
        error: { message: 'Incorrect API key provided', type: 'invalid_request_error' },
      });
      return;
    }
    const path = request.url.split('?')[0];
    if (path === '/v1/audio/transcriptions') {
      const form = request.body.toString('latin1');
      const field = (name: string) => new RegExp(`name="${name}"\r\n\r\n([^\r]*)`).exec(form)?.[1];
      const model = field('model') ?? '';
      if (!knownTranscriptionModel(model)) {
        return writeJsonError(response, 404, {
          error: {
            message: `The model \`${model}\` does not exist`,
            type: 'invalid_request_error',
          },
        });
      }
      const refusal = transcriptionLanguageRefusal(field('language'));
      if (refusal) return writeJsonError(response, refusal.status, refusal.body);
      return transcription(model, request, response);
    }
    const body = JSON.parse(request.body.toString('utf8')) as ChatRequestBody & {
      model: string;
      input?: string;
    };
    const count = (attempts.get(body.model) ?? 0) + 1;
    attempts.set(body.model, count);
    requestCount++;
    if (path === '/v1/audio/speech') {
      const refusal = speechRefusal(body, knownSpeechModel);
      if (refusal) return writeJsonError(response, refusal.status, refusal.body);
      return speech(body, response);
    }
    const refusal = openAIChatRefusal(body, knownChatModel);
    if (refusal) return writeJsonError(response, refusal.status, refusal.body);
    switch (body.model) {
      case 'text':
        return writeSse(
          response,
          textChunks.map((data) => ({ data })),
        );
      case 'tools':
        return writeSse(
          response,
          toolChunks.map((data) => ({ data })),
        );
      case 'flaky-429':
        if (count <= 2) {
          response.setHeader('retry-after', '0');
          return writeJsonError(response, 429, {
            error: { message: 'Rate limit reached', type: 'requests', code: 'rate_limit_exceeded' },
          });
        }
        return writeSse(
          response,
          textChunks.map((data) => ({ data })),
        );
      case 'no-done':
        return writeSse(
          response,
          textChunks.slice(0, -1).map((data) => ({ data })),
        );
      case 'quota':
        // https://platform.openai.com/docs/guides/error-codes#api-errors — permanent, though a 429.
        return writeJsonError(response, 429, {
          error: {
            message: 'You exceeded your current quota, please check your plan and billing details.',
            type: 'insufficient_quota',
            param: null,
            code: 'insufficient_quota',
          },
        });
      case 'status-500':
        return writeJsonError(response, 500, { error: { message: 'The server had an error' } });
      case 'status-400':
        return writeJsonError(response, 400, { error: { message: "Invalid 'messages'" } });
      case 'hang':
        return;
      case 'disconnect':
        return writeSse(
          response,
          textChunks.slice(0, 3).map((data) => ({ data })),
          'destroy',
        );
      case 'malformed':
        return writeSse(response, [
          { data: textChunks[1] ?? '' },
          { data: '{"choices":[{"delta":' },
        ]);
      case 'stream-error':
        return writeSse(response, [
          { data: JSON.stringify({ error: { message: 'overloaded', type: 'server_error' } }) },
        ]);
      default:
        return writeSse(
          response,
          agentChunks(body, requestCount).map((data) => ({ data })),
        );
    }
  });
}

/**
 * Real model names act like an agent's model: with tools offered and a user turn last,
 * they call the first tool (a fresh call id per request, `exampleArguments`); otherwise
 * they answer with text.
 */
function agentChunks(body: ChatRequestBody, count: number): readonly string[] {
  const last = body.messages?.at(-1);
  const first = (
    body.tools as { function?: { name?: string; parameters?: unknown } }[] | undefined
  )?.[0]?.function;
  const tool = first?.name;
  if (tool === undefined || last?.role !== 'user') return textChunks;
  const said = typeof last.content === 'string' ? last.content : '';
  const args = JSON.stringify(exampleArguments(first?.parameters, said));
  const chunk = (delta: unknown, finish: string | null) =>
    JSON.stringify({
      id: `chatcmpl-${count}`,
      object: 'chat.completion.chunk',
      created: 1_700_000_000,
      model: body.model,
      choices: [{ index: 0, delta, finish_reason: finish }],
    });
  return [
    chunk(
      {
        role: 'assistant',
        content: null,
        tool_calls: [
          {
            index: 0,
            id: `call_${count}`,
            type: 'function',
            function: { name: tool, arguments: args },
          },
        ],
      },
      null,
    ),
    chunk({}, 'tool_calls'),
    '[DONE]',
  ];
}

/** 100 ms of a 440 Hz tone per input character, PCM16 24 kHz, sent in two chunks. */
function speech(
  body: { model: string; input?: string },
  response: Parameters<Parameters<typeof startTestHttpServer>[0]>[1],
): void {
  if (body.model === 'status-500')
    return writeJsonError(response, 500, { error: { message: 'server error' } });
  if (body.model === 'hang') return;
  const samples = Math.max(1, (body.input ?? '').length) * 2_400;
  const pcm = Buffer.alloc(samples * 2);
  for (let i = 0; i < samples; i++)
    pcm.writeInt16LE(Math.round(8_000 * Math.sin((2 * Math.PI * 440 * i) / 24_000)), i * 2);
  response.writeHead(200, { 'content-type': 'audio/pcm' });
  response.write(pcm.subarray(0, 1_001));
  if (body.model === 'disconnect') {
    setTimeout(() => response.destroy(), 30);
    return;
  }
  response.end(pcm.subarray(1_001));
}

export type { RecordedRequest };

/** Answers `heard <ms> ms` from the uploaded WAV header, so tests can check the buffering. */
function transcription(
  model: string,
  request: RecordedRequest,
  response: Parameters<Parameters<typeof startTestHttpServer>[0]>[1],
): void {
  if (model === 'status-500')
    return writeJsonError(response, 500, { error: { message: 'server error' } });
  if (model === 'hang') return;
  if (model === 'malformed') {
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end('{"text":');
    return;
  }
  const wav = request.body.indexOf('RIFF');
  const rate = wav >= 0 ? request.body.readUInt32LE(wav + 24) : 0;
  const dataBytes = wav >= 0 ? request.body.readUInt32LE(wav + 40) : 0;
  const heardMs = rate > 0 ? Math.round((dataBytes / 2 / rate) * 1_000) : 0;
  const text = `heard ${heardMs} ms`;
  if (!/name="stream"\r\n\r\ntrue/.test(request.body.toString('latin1'))) {
    return writeJsonError(response, 200, { text });
  }
  // https://platform.openai.com/docs/api-reference/audio/createTranscription#audio-createtranscription-stream
  // — "not supported for the whisper-1 model".
  if (model === 'whisper-1') {
    return writeJsonError(response, 400, {
      error: {
        message: "Streaming is not supported for model 'whisper-1'.",
        type: 'invalid_request_error',
        param: 'stream',
        code: 'unsupported_value',
      },
    });
  }
  const deltas = text.split(/(?= )/).map((delta) => ({
    data: JSON.stringify({ type: 'transcript.text.delta', delta }),
  }));
  writeSse(response, [...deltas, { data: JSON.stringify({ type: 'transcript.text.done', text }) }]);
}
