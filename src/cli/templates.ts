/**
 * The files `parley init` writes: the agent (prompt.md, tools.ts; dialogue.json is the offline
 * engine's script, used when no language model is configured), package.json, tsconfig and a test.
 */
export function scaffoldFiles(options: {
  readonly id: string;
  readonly parleyVersion: string;
}): Record<string, string> {
  const { id, parleyVersion } = options;
  const name = id
    .split('-')
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join(' ');
  return {
    'prompt.md': `---
name: ${name}
description: A friendly assistant that can tell the time.
language: en-US
greeting: Hello! Ask me what time it is.
input: vad
voice:
  local: en-us
  openai: alloy
  rate: 1
endOfTurn:
  completeSilenceMs: 400
---
You are ${name}, a friendly voice assistant. Keep answers to one or two short sentences.
When someone asks for the time, call the local_time tool and read its answer aloud.
`,
    'tools.ts': `import { defineTool } from 'parley';

/** Tools the agent may call: JSON-schema parameters, and an execute that gets the caller and a signal. */
export default [
  defineTool<{ timeZone: string }, { time: string; caller: string }>({
    name: 'local_time',
    description: 'The current time in an IANA time zone, e.g. Europe/London.',
    parameters: {
      type: 'object',
      properties: { timeZone: { type: 'string', description: 'IANA time zone' } },
      required: ['timeZone'],
      additionalProperties: false,
    },
    async execute({ timeZone }, context) {
      context.signal.throwIfAborted(); // the caller hung up or barged in
      const time = new Date().toLocaleTimeString('en-US', { timeZone, timeStyle: 'short' });
      // Who asked: anonymous unless your app signed claims (docs/security.md) or telephony vouched.
      const caller = context.caller.subject ?? context.caller.verifiedBy;
      return { time, caller };
    },
  }),
];
`,
    'package.json': `${JSON.stringify(
      {
        name: id,
        private: true,
        type: 'module',
        scripts: {
          dev: 'parley dev',
          start: 'parley start',
          test: 'node --test',
          typecheck: 'tsc --noEmit',
        },
        dependencies: { parley: `^${parleyVersion}` },
      },
      null,
      2,
    )}\n`,
    'tsconfig.json': `${JSON.stringify(
      {
        compilerOptions: {
          target: 'ES2022',
          module: 'NodeNext',
          moduleResolution: 'NodeNext',
          strict: true,
          noEmit: true,
          skipLibCheck: true,
          types: [],
        },
        include: ['tools.ts'],
      },
      null,
      2,
    )}\n`,
    'dialogue.json': `${JSON.stringify(
      {
        intents: [
          {
            name: 'time',
            examples: ['what time is it', 'what is the time', 'tell me the time'],
            tool: 'local_time',
            toolConstants: { timeZone: 'UTC' },
            reply: 'It is {result.time} in UTC.',
          },
        ],
        fallbackReply: 'I can tell you the time. Ask me what time it is.',
      },
      null,
      2,
    )}\n`,
    // The theme of the standard call page and of <parley-call> for this agent (optional: delete
    // it, or add ui/index.html for a page of your own, served at /agents/<id>/).
    'ui/theme.css': `/* ${name}'s colours on the call page and in <parley-call> (served at /agents/${id}/theme.css). */
:root,
:host {
  --accent: #0f766e;
  --parley-accent: #0f766e;
}
`,
    '.gitignore': '.parley/\nnode_modules/\n',
    'agent.test.js': `// The agent on Parley's testing fakes and virtual clock: no engines, no network, no waiting.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createSession, loadAgentFromFiles } from 'parley';
import {
  VirtualClock,
  createFakeLlm,
  createFakeStt,
  createFakeTts,
  createFakeVad,
} from 'parley/testing';

test('a typed question calls local_time and the agent speaks the answer', async () => {
  const agent = await loadAgentFromFiles(import.meta.dirname);
  const clock = new VirtualClock();
  const llm = createFakeLlm({
    clock,
    responses: [
      { toolCalls: [{ name: 'local_time', arguments: { timeZone: 'UTC' } }] },
      { text: 'It is a quarter past nine.' },
    ],
  });
  const session = createSession({
    agent,
    clock,
    greet: false,
    models: {
      vad: createFakeVad({ clock, script: [] }),
      stt: createFakeStt({ clock, script: [] }),
      llm,
      tts: createFakeTts({ clock, msPerWord: 50 }),
    },
  });
  const events = [];
  session.subscribe((event) => events.push(event));
  session.sendText('What time is it in London?');
  const ended = await clock.advanceUntil(() => events.some((e) => e.type === 'turn.end'));
  await session.close();

  assert.ok(ended, 'the turn ended');
  const result = events.find((e) => e.type === 'tool.result');
  assert.equal(result?.ok, true, 'the tool ran');
  assert.equal(result.result.caller, 'anonymous');
  assert.deepEqual(
    events.filter((e) => e.type === 'agent.text').map((e) => e.text),
    ['It is a quarter past nine.'],
  );
  assert.ok(events.some((e) => e.type === 'agent.audio'), 'the reply was spoken');
});
`,
  };
}
