// The scripted fakes obey the same stage contracts as the real engines and vendors.
import { systemClock } from '../stream/system-clock.ts';
import { describeLlmConformance } from './conformance/llm.ts';
import { describeSttConformance } from './conformance/stt.ts';
import { describeTtsConformance } from './conformance/tts.ts';
import { createFakeLlm } from './fake-llm.ts';
import { createFakeStt } from './fake-stt.ts';
import { createFakeTts } from './fake-tts.ts';

describeLlmConformance(
  'fake LLM',
  () => createFakeLlm({ clock: systemClock, responses: { text: 'Hello there, friend.' } }),
  {
    toolCase: {
      messages: [{ role: 'user', content: 'Where is order 4571?' }],
      tools: [
        {
          name: 'get_order_status',
          description: 'Look up an order',
          parameters: { type: 'object', properties: { order_id: { type: 'string' } } },
        },
      ],
      makeModel: () =>
        createFakeLlm({
          clock: systemClock,
          responses: { toolCalls: [{ name: 'get_order_status', arguments: { order_id: '4571' } }] },
        }),
    },
  },
);

describeSttConformance(
  'fake STT',
  () => {
    const nowMs = systemClock.now();
    return createFakeStt({
      clock: systemClock,
      script: [
        {
          startMs: nowMs,
          endMs: nowMs + 30,
          transcript: 'hello there',
          interims: [{ atMs: 10, text: 'hello' }],
        },
      ],
    });
  },
  {
    sampleRate: 16_000,
    audio: () => [{ type: 'audio', chunk: { samples: new Int16Array(320), sampleRate: 16_000 } }],
    expectText: /hello there/,
  },
);

describeTtsConformance('fake TTS', () => createFakeTts({ clock: systemClock, msPerWord: 50 }));
