// A whole spoken turn through the session on the offline engines: a WAV of a question goes in
// frame by frame in real time; the agent's answer comes out as paced audio.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { parseWav, resample } from '../../src/audio/index.ts';
import { createDialogueEngine } from '../../src/providers/local/dialogue/index.ts';
import { createPocketsphinxStt } from '../../src/providers/local/stt/index.ts';
import { createEspeakTts } from '../../src/providers/local/tts/index.ts';
import { createSileroVad } from '../../src/providers/local/vad/index.ts';
import { createSession } from '../../src/conversation/index.ts';
import type { AgentDefinition } from '../../src/spec/agent.ts';
import type { SessionEvent } from '../../src/spec/events.ts';

const run = promisify(execFile);
const dir = await mkdtemp(join(tmpdir(), 'parley-spoken-'));
after(() => rm(dir, { recursive: true, force: true }));

const agent: AgentDefinition = {
  id: 'hours',
  name: 'Opening hours',
  description: 'Answers when the shop opens',
  language: 'en-US',
  systemPrompt: 'You tell callers the opening hours.',
  tools: [],
  ui: { page: 'index.html', title: 'Hours' },
  vocabulary: {
    phrases: ['what time do you open', 'what time do you close', 'are you open on sunday'],
  },
  dialogue: {
    intents: [
      {
        name: 'open',
        examples: ['what time do you open'],
        reply: 'We open at nine in the morning.',
      },
      { name: 'close', examples: ['what time do you close'], reply: 'We close at six.' },
      { name: 'sunday', examples: ['are you open on sunday'], reply: 'We are closed on Sundays.' },
    ],
    fallbackReply: 'Sorry, could you say that again?',
  },
};

/** flite's kal16 voice, padded with silence, as 16 kHz PCM16. */
async function speech(text: string): Promise<Int16Array> {
  const raw = join(dir, 'raw.wav');
  const padded = join(dir, 'padded.wav');
  await run('flite', ['-voice', 'kal16', '-t', text, '-o', raw]);
  await run('sox', [raw, '-r', '16000', '-c', '1', '-b', '16', padded, 'pad', '0.3', '1.5']);
  const wav = parseWav(new Uint8Array(await readFile(padded)));
  return wav.sampleRate === 16_000 ? wav.samples : resample(wav.samples, wav.sampleRate, 16_000);
}

describe('a spoken turn on the offline engines', () => {
  it('hears the question, answers it, and streams the answer as audio', async () => {
    const session = createSession({
      agent,
      models: {
        vad: createSileroVad(),
        stt: createPocketsphinxStt(),
        llm: createDialogueEngine({ script: agent.dialogue!, language: 'en-US' }),
        tts: createEspeakTts({ voice: 'en-us' }),
      },
      outputSampleRate: 16_000,
    });
    const events: SessionEvent[] = [];
    session.subscribe((e) => events.push(e));
    const turnEnded = new Promise<void>((resolve) =>
      session.subscribe((e) => e.type === 'turn.end' && resolve()),
    );

    const samples = await speech('What time do you open?');
    for (let offset = 0; offset < samples.length; offset += 320) {
      session.pushAudio({ samples: samples.subarray(offset, offset + 320), sampleRate: 16_000 });
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await turnEnded;
    await session.close();

    const types = events.map((e) => e.type);
    assert.ok(types.includes('user.speech-start') && types.includes('user.speech-end'));
    const final = events.find((e) => e.type === 'transcript.final');
    assert.equal(final?.type === 'transcript.final' && final.text, 'what time do you open');
    const reply = session.history.at(-1);
    assert.deepEqual(reply, { role: 'assistant', content: 'We open at nine in the morning.' });
    const audio = events.filter((e) => e.type === 'agent.audio');
    const audioMs = audio.reduce(
      (ms, e) => ms + (e.type === 'agent.audio' ? e.chunk.samples.length / 16 : 0),
      0,
    );
    assert.ok(audioMs > 1000, `about two seconds of speech came out, got ${audioMs} ms`);
    const metrics = events.find((e) => e.type === 'metrics.turn');
    assert.ok(metrics?.type === 'metrics.turn' && metrics.metrics.firstAudioMs !== undefined);
  });
});
