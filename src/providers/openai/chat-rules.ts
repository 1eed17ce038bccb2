/**
 * What OpenAI's Chat Completions API refuses, as a pure check shared by the strict
 * fake server and the property tests; error texts and fields are the API's own.
 * Reference: https://platform.openai.com/docs/api-reference/chat/create
 */
export interface OpenAIRefusal {
  readonly status: number;
  readonly body: {
    readonly error: {
      readonly message: string;
      readonly type: string;
      readonly param: string | null;
      readonly code: string | null;
    };
  };
}

interface Message {
  role?: string;
  content?: unknown;
  tool_calls?: { id?: string }[];
  tool_call_id?: string;
}
export interface ChatRequestBody {
  model?: unknown;
  messages?: Message[];
  max_tokens?: unknown;
  tools?: unknown[];
  tool_choice?: unknown;
}

const refuse = (
  message: string,
  param: string | null,
  code: string | null = null,
  status = 400,
): OpenAIRefusal => ({
  status,
  body: { error: { message, type: 'invalid_request_error', param, code } },
});

/** Reasoning models refuse `max_tokens` (https://platform.openai.com/docs/guides/reasoning). */
export function isReasoningModel(model: string): boolean {
  return /^(o\d|gpt-5)/.test(model);
}

function toolOrderRefusal(messages: Message[]): OpenAIRefusal | undefined {
  // https://platform.openai.com/docs/guides/function-calling — after an assistant
  // message with tool_calls come tool messages answering each id, and a tool message
  // only ever answers such a call.
  let open: string[] = [];
  let openIndex = -1;
  for (const [i, message] of messages.entries()) {
    if (message.role === 'tool') {
      if (!open.includes(message.tool_call_id ?? '')) {
        return refuse(
          "Invalid parameter: messages with role 'tool' must be a response to a preceeding message with 'tool_calls'.",
          `messages.[${i}].role`,
        );
      }
      open = open.filter((id) => id !== message.tool_call_id);
      continue;
    }
    if (open.length > 0) {
      return refuse(
        `An assistant message with 'tool_calls' must be followed by tool messages responding to each 'tool_call_id'. The following tool_call_ids did not have response messages: ${open.join(', ')}`,
        `messages.[${openIndex}].role`,
      );
    }
    if (message.role === 'assistant') {
      // https://platform.openai.com/docs/api-reference/chat/create#chat-create-messages —
      // content is required unless tool_calls is given.
      if ((message.content === null || message.content === undefined) && !message.tool_calls) {
        return refuse(
          "Invalid value for 'content': expected a string, got null.",
          `messages.[${i}].content`,
        );
      }
      open = (message.tool_calls ?? []).map((call) => call.id ?? '');
      openIndex = i;
    }
  }
  if (open.length > 0) {
    return refuse(
      `An assistant message with 'tool_calls' must be followed by tool messages responding to each 'tool_call_id'. The following tool_call_ids did not have response messages: ${open.join(', ')}`,
      `messages.[${openIndex}].role`,
    );
  }
  return undefined;
}

/** The refusal the real API gives this request body, or undefined when it accepts it. */
export function openAIChatRefusal(
  body: ChatRequestBody,
  knownModels: (model: string) => boolean,
): OpenAIRefusal | undefined {
  const model = typeof body.model === 'string' ? body.model : '';
  // https://platform.openai.com/docs/guides/error-codes — unknown model: 404 model_not_found.
  if (!knownModels(model)) {
    return refuse(
      `The model \`${model}\` does not exist or you do not have access to it.`,
      null,
      'model_not_found',
      404,
    );
  }
  const messages = body.messages ?? [];
  if (messages.length === 0) return refuse("[] is too short - 'messages'", 'messages');
  // https://platform.openai.com/docs/api-reference/chat/create#chat-create-max_tokens —
  // deprecated, and not compatible with reasoning models.
  if (body.max_tokens !== undefined && isReasoningModel(model)) {
    return refuse(
      "Unsupported parameter: 'max_tokens' is not supported with this model. Use 'max_completion_tokens' instead.",
      'max_tokens',
      'unsupported_parameter',
    );
  }
  // https://platform.openai.com/docs/api-reference/chat/create#chat-create-tool_choice —
  // tool_choice only with tools.
  if (body.tool_choice !== undefined && (body.tools ?? []).length === 0) {
    return refuse(
      "Invalid value for 'tool_choice': 'tool_choice' is only allowed when 'tools' are specified.",
      'tool_choice',
    );
  }
  return toolOrderRefusal(messages);
}
