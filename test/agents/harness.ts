import { withVoice } from '../../src/providers/shared/fixed-voice.ts';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import { parseWav } from '../../src/audio/wav.ts';
import { resample } from '../../src/audio/resample.ts';
import { createDialogueEngine } from '../../src/providers/local/dialogue/index.ts';
import {
  createPocketsphinxStt,
  type PocketsphinxSttOptions,
} from '../../src/providers/local/stt/index.ts';
import { createEspeakTts } from '../../src/providers/local/tts/index.ts';
import { createSileroVad } from '../../src/providers/local/vad/index.ts';
import { createSession } from '../../src/conversation/index.ts';
import type { AgentDefinition } from '../../src/spec/agent.ts';
import type { SessionEvent } from '../../src/spec/events.ts';

const run = promisify(execFile);
export const SAMPLE_RATE = 16_000;

export interface TurnResult {
  readonly heard: string;
  readonly reply: string;
  readonly toolCalls: readonly { readonly name: string; readonly arguments: unknown }[];
  readonly toolResults: readonly {
    readonly name: string;
    readonly ok: boolean;
    readonly result: unknown;
  }[];
  readonly progress: readonly number[];
  readonly fillers: readonly string[];
}

/**
 * One agent on the real offline stack (Silero VAD, pocketsphinx with the
 * agent's vocabulary, the scripted dialogue engine on the agent's script,
 * espeak-ng) and the system clock.
 */
export function agentSession(
  agent: AgentDefinition,
  options: { readonly stt?: PocketsphinxSttOptions } = {},
) {
  // The turn lasts as long as its reply is heard: speak fast so the tests do not wait.
  const fastAgent = { ...agent, voice: { ...agent.voice, speakingRate: 3 } };
  const session = createSession({
    agent: fastAgent,
    models: {
      vad: createSileroVad(),
      stt: createPocketsphinxStt(options.stt),
      llm: createDialogueEngine({
        script: agent.dialogue ?? { intents: [], fallbackReply: '' },
        language: agent.language,
        tokenDelayMs: 0,
      }),
      tts: withVoice(createEspeakTts(), agent.voice?.byProvider?.local ?? 'en-us'),
    },
    outputSampleRate: SAMPLE_RATE,
    // Tests need not listen in real time: let the reply audio out as fast as it is made.
    outputLeadMs: 600_000,
    greet: false,
  });
  const events: SessionEvent[] = [];
  session.subscribe((event) => events.push(event));

  const turnEnded = async (fromIndex: number, timeoutMs = 30_000): Promise<TurnResult> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const slice = events.slice(fromIndex);
      const start = slice.find((e) => e.type === 'turn.start');
      const end =
        start?.type === 'turn.start' &&
        slice.find((e) => e.type === 'turn.end' && e.turnId === start.turnId);
      if (start?.type === 'turn.start' && end) {
        const of = <T extends SessionEvent['type']>(type: T) =>
          slice.filter(
            (e): e is Extract<SessionEvent, { type: T }> =>
              e.type === type && 'turnId' in e && e.turnId === start.turnId,
          );
        return {
          heard: start.userText,
          reply: of('agent.text')
            .map((e) => e.text)
            .join(' '),
          toolCalls: of('tool.call').map((e) => ({ name: e.name, arguments: e.arguments })),
          toolResults: of('tool.result').map((e) => ({ name: e.name, ok: e.ok, result: e.result })),
          progress: of('tool.progress').map((e) => e.fraction),
          fillers: of('filler').map((e) => e.text),
        };
      }
      if (Date.now() > deadline) {
        throw new Error(`no turn ended: ${JSON.stringify(slice.map((e) => e.type))}`);
      }
      await sleep(20);
    }
  };

  return {
    session,
    events,
    /** A typed turn; resolves with what the agent did and said. */
    async type(text: string): Promise<TurnResult> {
      const from = events.length;
      session.sendText(text);
      return turnEnded(from);
    },
    /** A spoken turn: the audio goes through VAD and STT like a microphone's. */
    async speak(samples: Int16Array, options: { pushToTalk?: boolean } = {}): Promise<TurnResult> {
      const from = events.length;
      if (options.pushToTalk) session.pttDown();
      await pushPaced(samples, (chunk) =>
        session.pushAudio({ samples: chunk, sampleRate: SAMPLE_RATE }),
      );
      if (options.pushToTalk) session.pttUp();
      else
        await pushPaced(new Int16Array(SAMPLE_RATE), (chunk) =>
          session.pushAudio({ samples: chunk, sampleRate: SAMPLE_RATE }),
        );
      return turnEnded(from);
    },
    close: () => session.close(),
  };
}

/** 20 ms frames at twice real time, as a fast microphone would deliver them. */
async function pushPaced(samples: Int16Array, push: (chunk: Int16Array) => void): Promise<void> {
  const frame = SAMPLE_RATE / 50;
  for (let offset = 0; offset < samples.length; offset += frame) {
    push(samples.slice(offset, offset + frame));
    if ((offset / frame) % 5 === 4) await sleep(50);
  }
}

/** Speech for a test turn: flite kal16 (English) or espeak-ng (`es`), 16 kHz, with silence around it. */
export async function synthesizeSpeech(
  text: string,
  engine: { readonly kind: 'flite' } | { readonly kind: 'espeak'; readonly voice: string },
): Promise<Int16Array> {
  const dir = await mkdtemp(join(tmpdir(), 'parley-agent-speech-'));
  try {
    const file = join(dir, 'speech.wav');
    if (engine.kind === 'espeak')
      await run('espeak-ng', ['-v', engine.voice, '-s', '150', '-w', file, text]);
    else await run('flite', ['-voice', 'kal16', '-t', text, '-o', file]);
    const wav = parseWav(new Uint8Array(await readFile(file)));
    const speech =
      wav.sampleRate === SAMPLE_RATE
        ? wav.samples
        : resample(wav.samples, wav.sampleRate, SAMPLE_RATE);
    const padded = new Int16Array(speech.length + SAMPLE_RATE * 0.9);
    padded.set(speech, SAMPLE_RATE * 0.3);
    return padded;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export async function tempDir(): Promise<{ path: string; remove(): Promise<void> }> {
  const path = await mkdtemp(join(tmpdir(), 'parley-agents-'));
  return { path, remove: () => rm(path, { recursive: true, force: true }) };
}
