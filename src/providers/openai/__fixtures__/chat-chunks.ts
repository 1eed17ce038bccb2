/** Chat Completions stream chunks in the documented shape (`chat.completion.chunk`). */
const base = {
  id: 'chatcmpl-1',
  object: 'chat.completion.chunk',
  created: 1_700_000_000,
  model: 'gpt-4o-mini',
};

export const textChunks: readonly string[] = [
  JSON.stringify({
    ...base,
    choices: [{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null }],
  }),
  JSON.stringify({
    ...base,
    choices: [{ index: 0, delta: { content: 'Hello' }, finish_reason: null }],
  }),
  JSON.stringify({
    ...base,
    choices: [{ index: 0, delta: { content: ' there!' }, finish_reason: null }],
  }),
  JSON.stringify({ ...base, choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] }),
  JSON.stringify({
    ...base,
    choices: [],
    usage: { prompt_tokens: 21, completion_tokens: 3, total_tokens: 24 },
  }),
  '[DONE]',
];

export const toolChunks: readonly string[] = [
  JSON.stringify({
    ...base,
    choices: [
      {
        index: 0,
        delta: {
          role: 'assistant',
          content: null,
          tool_calls: [
            {
              index: 0,
              id: 'call_abc',
              type: 'function',
              function: { name: 'lookup_order', arguments: '' },
            },
          ],
        },
        finish_reason: null,
      },
    ],
  }),
  JSON.stringify({
    ...base,
    choices: [
      {
        index: 0,
        delta: { tool_calls: [{ index: 0, function: { arguments: '{"order' } }] },
        finish_reason: null,
      },
    ],
  }),
  JSON.stringify({
    ...base,
    choices: [
      {
        index: 0,
        delta: { tool_calls: [{ index: 0, function: { arguments: 'Id":"12' } }] },
        finish_reason: null,
      },
    ],
  }),
  JSON.stringify({
    ...base,
    choices: [
      {
        index: 0,
        delta: {
          tool_calls: [
            { index: 0, function: { arguments: '34"}' } },
            {
              index: 1,
              id: 'call_def',
              type: 'function',
              function: { name: 'get_time', arguments: '{}' },
            },
          ],
        },
        finish_reason: null,
      },
    ],
  }),
  JSON.stringify({ ...base, choices: [{ index: 0, delta: {}, finish_reason: 'tool_calls' }] }),
  JSON.stringify({
    ...base,
    choices: [],
    usage: { prompt_tokens: 50, completion_tokens: 12, total_tokens: 62 },
  }),
  '[DONE]',
];
