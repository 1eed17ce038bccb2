/**
 * 3. Barge-in through the real WebSocket transport on localhost: a `ws` client
 * streams 20 ms frames in real time; while the agent speaks a long reply (fake
 * LLM/TTS) it sends flite speech. The real Silero VAD detects the onset; a fake
 * STT hears the first word a scripted delay after the loud audio arrives.
 * Measured from the send time of the frame holding the speech onset.
 */
import { createServer } from '../src/server/server.ts';
import { createSession } from '../src/conversation/index.ts';
import type { SessionEvent } from '../src/spec/events.ts';
import { createSileroVad, preloadSileroVad } from '../src/providers/local/vad/index.ts';
import { synthesize } from '../src/providers/local/vad/speech-fixture.ts';
import { systemClock } from '../src/stream/system-clock.ts';
import { createFakeLlm, createFakeTts } from '../src/testing/index.ts';
import { DEFAULT_INTERRUPTION } from '../src/conversation/defaults.ts';
import { BENCH_AGENT } from './fakes/fake-session.ts';
import { FRAME_SAMPLES, startFrameTicker } from './fakes/frame-ticker.ts';
import { createOnsetStt } from './fakes/onset-stt.ts';
import { speechSpanMs } from './fakes/speech-extent.ts';
import { sleepMs, waitUntil } from './fakes/sleep.ts';
import { TimedClient } from './fakes/ws-client.ts';
import type { BenchOptions, SectionResult } from './figures.ts';
import { median, round, summarize } from './stats.ts';

const LONG_REPLY =
  'Let me read you the whole list of opening hours for every one of our shops in the north of England, ' +
  'starting with Leeds, then York, then Harrogate, then Sheffield, and finally Manchester and Liverpool.';
const STT_FIRST_WORD_MS = 250;

interface Trial {
  readonly lastFrameSentMs: number;
  readonly lastFrameReceivedMs: number;
  readonly interruptAtClientMs: number;
  readonly pausedMs: number;
  readonly vadStartMs: number;
}

async function runTrial(
  wsUrl: string,
  speech: Int16Array,
  onsetSample: number,
  talkAfterMs: number,
  serverEvents: () => (SessionEvent & { atMs: number })[] | undefined,
): Promise<Trial> {
  const client = await TimedClient.open(wsUrl);
  const silence = new Int16Array(FRAME_SAMPLES);
  let speechFrom: number | undefined;
  let onsetSentAtMs: number | undefined;
  const onsetFrame = Math.floor(onsetSample / FRAME_SAMPLES);
  const ticker = startFrameTicker((index) => {
    if (speechFrom === undefined || index < speechFrom) return client.sendAudio(silence);
    const k = index - speechFrom;
    const frame = speech.subarray(k * FRAME_SAMPLES, (k + 1) * FRAME_SAMPLES);
    if (k === onsetFrame) onsetSentAtMs = performance.now();
    client.sendAudio(frame.length === FRAME_SAMPLES ? frame : silence);
  });
  try {
    client.sendJson({ type: 'session.start', agent: BENCH_AGENT.id, sampleRate: 16_000 });
    await waitUntil(() => client.first('session.ready') !== undefined, 'session.ready', 10_000);
    await sleepMs(300);
    client.sendJson({ type: 'text.input', text: 'What are your opening hours?' });
    await waitUntil(() => client.first('agent.audio.start') !== undefined, 'agent audio', 10_000);
    await sleepMs(talkAfterMs);
    speechFrom = ticker.lateMs.length + 1;
    await waitUntil(() => client.first('interrupt') !== undefined, 'interrupt', 10_000);
    await sleepMs(300);
  } finally {
    ticker.stop();
    await client.close();
  }
  const onsetMs = onsetSentAtMs ?? Number.NaN;
  const events = serverEvents() ?? [];

  const interrupt = client.first('interrupt');
  const turnId = interrupt?.message['turnId'];
  const sentFrames = events.filter((e) => e.type === 'agent.audio' && e.turnId === turnId);
  const lastSent = Math.max(...sentFrames.map((e) => e.atMs));
  const firstAfter = (type: SessionEvent['type']) =>
    events.find((e) => e.type === type && e.atMs >= onsetMs)?.atMs ?? Number.NaN;
  const received = client.binaryAtMs.filter((t) => t <= (interrupt?.atMs ?? Infinity));
  return {
    lastFrameSentMs: lastSent - onsetMs,
    lastFrameReceivedMs: Math.max(...received) - onsetMs,
    interruptAtClientMs: (interrupt?.atMs ?? Number.NaN) - onsetMs,
    pausedMs: firstAfter('agent.paused') - onsetMs,
    vadStartMs: firstAfter('user.speech-start') - onsetMs,
  };
}

export async function bargeInSection(options: BenchOptions): Promise<SectionResult> {
  await preloadSileroVad();
  const speech = await synthesize('Wait, stop please. I need something else.', 'flite');
  const startSample = speechSpanMs(speech).startMs * 16;
  const sessionEvents: (SessionEvent & { atMs: number })[][] = [];
  const server = createServer({
    port: 0,
    agents: [BENCH_AGENT],
    staticDir: import.meta.dirname,
    makeModels: () => ({
      vad: createSileroVad(),
      stt: createOnsetStt({
        text: 'wait stop please I need something else',
        interimDelayMs: STT_FIRST_WORD_MS,
        finalAfterQuietMs: 400,
      }),
      llm: createFakeLlm({
        clock: systemClock,
        responses: [
          { firstTokenDelayMs: 100, tokenIntervalMs: 20, text: LONG_REPLY },
          { text: 'Sure.' },
        ],
      }),
      tts: createFakeTts({
        clock: systemClock,
        firstAudioDelayMs: 50,
        msPerWord: 300,
        amplitude: 3000,
      }),
    }),
    createSession: (sessionOptions) => {
      const session = createSession(sessionOptions);
      const events: (SessionEvent & { atMs: number })[] = [];
      sessionEvents.push(events);
      session.subscribe((event) => events.push({ ...event, atMs: performance.now() }));
      return session;
    },
  });
  const baseUrl = await server.listen();
  const wsUrl = `${baseUrl.replace(/^http/, 'ws')}/ws`;
  const trialCount = options.quick ? 2 : 8;
  let trials: Trial[];
  try {
    trials = await Promise.all(
      Array.from({ length: trialCount }, async (_, i) => {
        await sleepMs(i * 97);
        const index = i;
        return runTrial(wsUrl, speech, startSample, 700 + i * 173, () => sessionEvents[index]);
      }),
    );
  } finally {
    await server.close();
  }
  const pick = (key: keyof Trial) => trials.map((t) => t[key]).filter(Number.isFinite);
  const lastFrame = median(pick('lastFrameSentMs'));
  const interrupt = median(pick('interruptAtClientMs'));
  options.log(
    `  barge-in: last frame sent +${round(lastFrame)} ms, interrupt at client +${round(interrupt)} ms (p50 of ${trials.length})`,
  );
  const goal = { op: '<=' as const, value: 100, label: '≤ 100 ms incl. VAD' };
  return {
    id: 'barge-in',
    title: '3. Barge-in',
    figures: [
      { name: 'onset → Silero speech-start (p50)', value: median(pick('vadStartMs')), unit: 'ms' },
      {
        name: 'onset → last agent frame sent (p50)',
        value: lastFrame,
        unit: 'ms',
        goal,
        note:
          `the session pauses the agent once speech has lasted minSpeechMs (${DEFAULT_INTERRUPTION.minSpeechMs} ms) ` +
          "counted from Silero's estimated onset; Silero only confirms after its own minimum speech, so the " +
          'pause follows the confirmation at once. The client still plays the ≤ 60 ms it had buffered until the interrupt flushes it.',
      },
      {
        name: 'onset → last agent frame received by client (p50)',
        value: median(pick('lastFrameReceivedMs')),
        unit: 'ms',
      },
      {
        name: 'onset → interrupt at client (p50)',
        value: interrupt,
        unit: 'ms',
        goal,
        note:
          `the interrupt (flush) needs a word: the fake STT gives the first word ${STT_FIRST_WORD_MS} ms after ` +
          'the loud audio arrives (a scripted, typical streaming-STT figure) and sends no other interim; ' +
          `the word confirms once it has stood unrevised for interimSettledMs (${DEFAULT_INTERRUPTION.interimSettledMs} ms) ` +
          'while the user speaks, so this tracks the sum.',
      },
    ],
    notes: [
      'Through the real WebSocket transport: a `ws` client on localhost streams 20 ms PCM16 frames in real time ' +
        'to the real server; the VAD is the real Silero v5; speech is flite kal16 "Wait, stop please…".',
      `Onset = when the client sends the 20 ms frame holding the first speech sample; ${trialCount} trials ` +
        'at different points of the agent reply, run side by side.',
    ],
    details: {
      lastFrameSentMs: summarize(pick('lastFrameSentMs')),
      lastFrameReceivedMs: summarize(pick('lastFrameReceivedMs')),
      interruptAtClientMs: summarize(pick('interruptAtClientMs')),
      pausedMs: summarize(pick('pausedMs')),
      vadStartMs: summarize(pick('vadStartMs')),
      trials,
    },
  };
}
