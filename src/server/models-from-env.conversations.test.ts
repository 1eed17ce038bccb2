import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createCafeAgent, createSupportAgent, createTechnicianAgent } from '../agents/index.ts';
import { codedAudio } from '../providers/deepgram/stt-test-server.ts';
import { COMPATIBLE_PRESET_NAMES } from '../providers/openai/presets.ts';
import type { AgentDefinition } from '../spec/agent.ts';
import type { ChatMessage, ToolCall } from '../spec/llm.ts';
import type { SttInput } from '../spec/stt.ts';
import type { ToolSpec } from '../spec/tool.ts';
import { collectParts } from '../testing/conformance/helpers.ts';
import {
  fakeEnv,
  LLMS,
  startVendorFakes,
  STTS,
  sttsFor,
  TTSS,
  type VendorFakes,
} from './models-from-env.fakes.ts';
import { modelsFromEnv, type Env } from './models-from-env.ts';

/**
 * Each shipped agent against every vendor combination of strict fakes, through the
 * models `modelsFromEnv` builds (voices, languages, base URLs as in production): a
 * spoken turn, a tool call, a barge-in that leaves the call without its result, then
 * one more turn. No stage may report an error and no HTTP fake may answer 4xx/5xx.
 * (Driven at the model boundary, as the session records history: the session itself
 * is being moved to src/conversation.)
 */
let fakes: VendorFakes;
let dataDir = '';
let agents: AgentDefinition[] = [];

before(async () => {
  fakes = await startVendorFakes();
  dataDir = mkdtempSync(join(tmpdir(), 'parley-vendors-'));
  agents = [
    createSupportAgent({ dataDir }).agent,
    createCafeAgent(),
    createTechnicianAgent({ dataDir }).agent,
  ];
});
after(async () => {
  await fakes.close();
  rmSync(dataDir, { recursive: true, force: true });
});

async function* inputs(items: readonly SttInput[]): AsyncGenerator<SttInput> {
  for (const item of items) yield await Promise.resolve(item);
}
async function* texts(...chunks: string[]): AsyncGenerator<string> {
  for (const chunk of chunks) yield await Promise.resolve(chunk);
}
const signal = () => new AbortController().signal;

/** One conversation; returns the errors any stage reported. */
async function converse(agent: AgentDefinition, env: Env): Promise<string[]> {
  const models = modelsFromEnv(env)(agent);
  const tools: ToolSpec[] = agent.tools.map(({ name, description, parameters }) => ({
    name,
    description,
    parameters,
  }));
  const errors: string[] = [];
  const history: ChatMessage[] = [{ role: 'system', content: agent.systemPrompt }];
  const hear = async (frames: number[]): Promise<string> => {
    const parts = await collectParts(
      models.stt.stream({
        audio: inputs([...codedAudio(frames), { type: 'finalize' }]),
        sampleRate: 16_000,
        language: agent.language,
        vocabulary: agent.vocabulary ?? {},
        signal: signal(),
      }),
    );
    for (const p of parts) if (p.type === 'error') errors.push(`stt: ${p.error.message}`);
    return parts.flatMap((p) => (p.type === 'final' ? [p.text] : [])).join(' ') || '(silence)';
  };
  const say = async (text: string): Promise<void> => {
    const parts = await collectParts(
      models.tts.stream({
        text: texts(text),
        sampleRate: 16_000,
        language: agent.language,
        speakingRate: agent.voice?.speakingRate ?? 1,
        signal: signal(),
      }),
    );
    for (const p of parts) if (p.type === 'error') errors.push(`tts: ${p.error.message}`);
  };
  const think = async (): Promise<{ text: string; calls: ToolCall[] }> => {
    const parts = await collectParts(
      models.llm.stream({ messages: history, tools, signal: signal() }),
    );
    for (const p of parts) if (p.type === 'error') errors.push(`llm: ${p.error.message}`);
    const text = parts.flatMap((p) => (p.type === 'text-delta' ? [p.text] : [])).join('');
    return { text, calls: parts.flatMap((p) => (p.type === 'tool-call' ? [p.call] : [])) };
  };

  const greeting = agent.greeting ?? 'Hello.';
  await say(greeting);
  history.push({ role: 'assistant', content: greeting });
  // A spoken turn that makes the model call a tool.
  history.push({ role: 'user', content: await hear([1, 2, 0]) });
  const first = await think();
  assert.ok(first.calls.length > 0, 'expected a tool call');
  // Barge-in mid-tool-call: the user speaks before the result exists.
  history.push({
    role: 'assistant',
    content: 'One moment',
    toolCalls: first.calls,
    interrupted: true,
  });
  history.push({ role: 'user', content: await hear([3, 0]) });
  // The next turn completes its tool call and answers.
  for (let round = 0; round < 3; round++) {
    const reply = await think();
    if (reply.calls.length === 0) {
      await say(reply.text || 'Done.');
      history.push({ role: 'assistant', content: reply.text });
      break;
    }
    history.push({ role: 'assistant', content: reply.text, toolCalls: reply.calls });
    for (const call of reply.calls) {
      history.push({ role: 'tool', toolCallId: call.id, name: call.name, content: '{"ok":true}' });
    }
  }
  // One more turn.
  history.push({ role: 'user', content: await hear([4, 0]) });
  const last = await think();
  if (last.calls.length === 0) await say(last.text || 'Bye.');
  return errors;
}

describe('shipped agents on every vendor combination of strict fakes', () => {
  for (const llm of LLMS) {
    it(`holds a conversation with tool calls and a barge-in on ${llm} × every STT × every TTS`, async () => {
      for (const agent of agents) {
        for (const stt of sttsFor(agent)) {
          for (const tts of TTSS) {
            const errors = await converse(agent, fakeEnv(fakes, llm, stt, tts));
            assert.deepEqual(errors, [], `${agent.id} ${llm}/${stt}/${tts}`);
          }
        }
      }
    });
  }

  it('holds the same conversation on every OpenAI-compatible preset', async () => {
    for (const [i, llm] of COMPATIBLE_PRESET_NAMES.entries()) {
      for (const agent of agents) {
        const errors = await converse(
          agent,
          fakeEnv(fakes, llm, STTS[i % 3] ?? 'deepgram', TTSS[i % 4] ?? 'openai'),
        );
        assert.deepEqual(errors, [], `${agent.id} ${llm}`);
      }
    }
  });

  it('got no 4xx or 5xx from any HTTP fake', () => {
    for (const [name, server] of Object.entries(fakes.http)) {
      const failed = server.statuses().filter((status) => status >= 400);
      assert.deepEqual(failed, [], name);
    }
  });
});
