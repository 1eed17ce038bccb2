/**
 * What Anthropic's Messages API refuses, as a pure check shared by the strict fake
 * server and the property tests. Each rule cites the page that documents it; error
 * texts are the API's own (as returned in `{"type":"error","error":{...}}` bodies).
 * Reference: https://docs.anthropic.com/en/api/messages
 */
export interface AnthropicRefusal {
  readonly status: number;
  readonly body: {
    readonly type: 'error';
    readonly error: { readonly type: string; readonly message: string };
  };
}

interface Block {
  type?: string;
  text?: string;
  id?: string;
  tool_use_id?: string;
}
interface Message {
  role?: string;
  content?: string | Block[];
}
export interface AnthropicRequestBody {
  model?: unknown;
  max_tokens?: unknown;
  messages?: Message[];
}

const refuse = (
  message: string,
  status = 400,
  type = 'invalid_request_error',
): AnthropicRefusal => ({
  status,
  body: { type: 'error', error: { type, message } },
});

const blocksOf = (message: Message): Block[] =>
  typeof message.content === 'string'
    ? [{ type: 'text', text: message.content }]
    : (message.content ?? []);

function roleRefusal(messages: Message[]): AnthropicRefusal | undefined {
  // https://docs.anthropic.com/en/api/messages#body-messages — the models work on
  // alternating user and assistant turns starting with a user turn. Today's API merges
  // repeated roles; older versions refused them with this error. The fake keeps the
  // stricter rule: an adapter that alternates works with both.
  if (messages[0]?.role !== 'user')
    return refuse('messages: first message must use the "user" role');
  for (let i = 1; i < messages.length; i++) {
    const role = messages[i]?.role;
    if (role !== 'user' && role !== 'assistant') {
      return refuse(`messages.${i}.role: Input should be 'user' or 'assistant'`);
    }
    if (role === messages[i - 1]?.role) {
      return refuse(
        `messages: roles must alternate between "user" and "assistant", but found multiple "${role}" roles in a row`,
      );
    }
  }
  return undefined;
}

function blockRefusal(messages: Message[]): AnthropicRefusal | undefined {
  for (const [i, message] of messages.entries()) {
    for (const block of blocksOf(message)) {
      // https://docs.anthropic.com/en/api/messages#body-messages-content — text blocks carry text.
      if (block.type === 'text' && (block.text ?? '').trim() === '') {
        return refuse('messages: text content blocks must contain non-whitespace text');
      }
    }
    const last = i === messages.length - 1;
    const text = blocksOf(message).at(-1)?.text;
    // https://docs.anthropic.com/en/docs/build-with-claude/prompt-engineering/prefill-claudes-response
    if (last && message.role === 'assistant' && text !== undefined && /\s$/.test(text)) {
      return refuse('messages: final assistant content cannot end with trailing whitespace');
    }
  }
  return undefined;
}

function toolRefusal(messages: Message[]): AnthropicRefusal | undefined {
  // https://docs.anthropic.com/en/docs/agents-and-tools/tool-use/implement-tool-use#handling-tool-use-and-tool-result-content-blocks
  // every tool_use is answered by a tool_result in the very next (user) message, and a
  // tool_result answers a tool_use of the message right before it.
  for (const [i, message] of messages.entries()) {
    const blocks = blocksOf(message);
    const previousUses = new Set(
      blocksOf(messages[i - 1] ?? {})
        .filter((block) => block.type === 'tool_use')
        .map((block) => block.id),
    );
    for (const [j, block] of blocks.entries()) {
      if (block.type === 'tool_result' && !previousUses.has(block.tool_use_id)) {
        return refuse(
          `messages.${i}.content.${j}: unexpected \`tool_use_id\` found in \`tool_result\` blocks: ${block.tool_use_id}. Each \`tool_result\` block must have a corresponding \`tool_use\` block in the previous message.`,
        );
      }
    }
    const uses = blocks.filter((block) => block.type === 'tool_use').map((block) => block.id ?? '');
    if (uses.length === 0 || i === messages.length - 1) continue;
    const answered = new Set(blocksOf(messages[i + 1] ?? {}).map((block) => block.tool_use_id));
    const missing = uses.filter((id) => !answered.has(id));
    if (missing.length > 0) {
      return refuse(
        `messages.${i}: \`tool_use\` ids were found without \`tool_result\` blocks immediately after: ${missing.join(', ')}. Each \`tool_use\` block must have a corresponding \`tool_result\` block in the next message.`,
      );
    }
  }
  return undefined;
}

/** The refusal the real API gives this request body, or undefined when it accepts it. */
export function anthropicRefusal(
  body: AnthropicRequestBody,
  knownModels: (model: string) => boolean,
): AnthropicRefusal | undefined {
  // https://docs.anthropic.com/en/api/messages#body-max-tokens — required.
  if (typeof body.max_tokens !== 'number') return refuse('max_tokens: Field required');
  // https://docs.anthropic.com/en/api/errors — an unknown model is a 404 not_found_error.
  if (typeof body.model !== 'string' || !knownModels(body.model)) {
    return refuse(`model: ${String(body.model)}`, 404, 'not_found_error');
  }
  const messages = body.messages ?? [];
  // https://docs.anthropic.com/en/api/messages#body-messages — at least one message.
  if (messages.length === 0) return refuse('messages: at least one message is required');
  return roleRefusal(messages) ?? blockRefusal(messages) ?? toolRefusal(messages);
}
