/** Messages API stream events in the documented order and shape. */
type Event = { readonly event: string; readonly data: string };
const e = (event: string, data: unknown): Event => ({
  event,
  data: JSON.stringify({ type: event, ...(data as object) }),
});

const start = e('message_start', {
  message: {
    id: 'msg_1',
    type: 'message',
    role: 'assistant',
    content: [],
    model: 'claude-test',
    stop_reason: null,
    usage: { input_tokens: 25, output_tokens: 1 },
  },
});

export const textEvents: readonly Event[] = [
  start,
  e('content_block_start', { index: 0, content_block: { type: 'text', text: '' } }),
  e('ping', {}),
  e('content_block_delta', { index: 0, delta: { type: 'text_delta', text: 'Hello' } }),
  e('content_block_delta', { index: 0, delta: { type: 'text_delta', text: ' there!' } }),
  e('content_block_stop', { index: 0 }),
  e('message_delta', {
    delta: { stop_reason: 'end_turn', stop_sequence: null },
    usage: { output_tokens: 4 },
  }),
  e('message_stop', {}),
];

export const toolEvents: readonly Event[] = [
  start,
  e('content_block_start', { index: 0, content_block: { type: 'text', text: '' } }),
  e('content_block_delta', { index: 0, delta: { type: 'text_delta', text: 'Let me check.' } }),
  e('content_block_stop', { index: 0 }),
  e('content_block_start', {
    index: 1,
    content_block: { type: 'tool_use', id: 'toolu_01', name: 'lookup_order', input: {} },
  }),
  e('content_block_delta', { index: 1, delta: { type: 'input_json_delta', partial_json: '' } }),
  e('content_block_delta', {
    index: 1,
    delta: { type: 'input_json_delta', partial_json: '{"orderId": "12' },
  }),
  e('content_block_delta', { index: 1, delta: { type: 'input_json_delta', partial_json: '34"}' } }),
  e('content_block_stop', { index: 1 }),
  e('message_delta', {
    delta: { stop_reason: 'tool_use', stop_sequence: null },
    usage: { output_tokens: 30 },
  }),
  e('message_stop', {}),
];

export const overloadedEvents: readonly Event[] = [
  start,
  e('error', { error: { type: 'overloaded_error', message: 'Overloaded' } }),
];
