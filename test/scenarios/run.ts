import type { Clip, NoiseBed, SpanMs } from '../../src/testing/speech/index.ts';
import { ScenarioClient, type Received, type ReceivedFrame } from './client.ts';
import { Mic } from './mic.ts';

/** When the user's clip goes out: the frame holding its true onset is sent at this moment. */
export type Anchor =
  /** ms after `session.ready` */
  | { readonly from: 'ready'; readonly ms: number }
  /** ms after the first frame of the agent's reply to the trigger arrives */
  | { readonly from: 'agent-audio'; readonly ms: number }
  /** ms before the agent's reply to the trigger ends (its length measured beforehand) */
  | { readonly from: 'reply-end'; readonly ms: number }
  /** at this fraction (0–1) of the agent's reply to the trigger */
  | { readonly from: 'reply-fraction'; readonly fraction: number };

export interface ScenarioPlan {
  readonly agent: string;
  /** Typed first, so that the agent is speaking when the user's clip plays. */
  readonly trigger?: string;
  readonly at: Anchor;
  /** Push-to-talk: `ptt.down` 300 ms before the clip's onset, `ptt.up` 300 ms after its end; no frames outside. */
  readonly pushToTalk?: boolean;
}

/** Everything one scenario saw, with client-side times (performance.now()). */
export interface Recording {
  readonly messages: readonly Received[];
  readonly frames: readonly ReceivedFrame[];
  readonly playedMs: ReadonlyMap<number, number>;
  readonly triggerTurnId: number | undefined;
  /** When the frames holding each span's first and last sample were sent. */
  readonly spansSentAtMs: readonly SpanMs[];
  readonly pttUpAtMs: number | undefined;
}

export interface RunOptions {
  readonly wsUrl: string;
  readonly noise?: NoiseBed;
  /** Length of the trigger's reply audio, for `reply-end` anchors. */
  readonly replyMs?: number;
  readonly signal: AbortSignal;
}

const PTT_MARGIN_MS = 300;
/** Longer than the longest end-of-turn silence (1500 ms after digits or a trailing word). */
const SETTLE_MS = 2_500;
/** A loaded machine's STT can fall seconds behind; past this, what has not happened is a failure. */
const MAX_LISTEN_MS = 20_000;

/** Runs one scripted conversation against the server and records it. */
export async function runScenario(
  plan: ScenarioPlan,
  clip: Clip,
  options: RunOptions,
): Promise<Recording> {
  const { signal } = options;
  const client = await ScenarioClient.open(options.wsUrl, plan.agent, signal);
  const mic = new Mic((frame) => client.sendAudio(frame), options.noise);
  if (plan.pushToTalk) mic.gate(false);
  let pttUpAtMs: number | undefined;
  try {
    const readyAtMs = client.messages[0]?.atMs ?? performance.now();
    let triggerTurnId: number | undefined;
    let firstAudioAtMs = readyAtMs;
    if (plan.trigger !== undefined) {
      await sleepMs(300, signal);
      client.sendJson({ type: 'text.input', text: plan.trigger });
      const start = await client.waitFor((m) => m.type === 'agent.audio.start', 15_000, signal);
      triggerTurnId = start.message['turnId'] as number;
      await client.waitUntil(
        () => client.frames.some((f) => f.turnId === triggerTurnId),
        15_000,
        signal,
      );
      firstAudioAtMs = client.frames.find((f) => f.turnId === triggerTurnId)!.atMs;
    }
    const onsetAtMs = anchorMs(plan.at, readyAtMs, firstAudioAtMs, options.replyMs);
    if (plan.pushToTalk) {
      await sleepMs(onsetAtMs - PTT_MARGIN_MS - performance.now(), signal);
      client.sendJson({ type: 'ptt.down' });
      mic.gate(true);
    }
    const sending = mic.play(clip, onsetAtMs);
    await sending.done;
    if (plan.pushToTalk) {
      await sleepMs(PTT_MARGIN_MS, signal);
      mic.gate(false);
      pttUpAtMs = performance.now();
      client.sendJson({ type: 'ptt.up' });
    }
    await settle(client, signal);
    return {
      messages: client.messages,
      frames: client.frames,
      playedMs: client.playedMs,
      triggerTurnId,
      spansSentAtMs: sending.spansSentAtMs,
      pttUpAtMs,
    };
  } finally {
    mic.stop();
    await client.close();
  }
}

/** Length of the agent's reply to `trigger`, in ms of audio (the frames of its turn added up). */
export async function measureReplyMs(
  wsUrl: string,
  agent: string,
  trigger: string,
  signal: AbortSignal,
): Promise<number> {
  const client = await ScenarioClient.open(wsUrl, agent, signal);
  const mic = new Mic((frame) => client.sendAudio(frame));
  try {
    // Twice, the second counted: a fresh server's first reply can hold a filler ("One moment.")
    // while the dialogue engine loads, and a reply-end anchor would then fall after the reply.
    const endedTriggerTurns = () => {
      const asked = new Set(
        client.messages
          .filter((r) => r.message.type === 'turn.start' && r.message['userText'] === trigger)
          .map((r) => r.message['turnId']),
      );
      return client.messages.filter(
        (r) => r.message.type === 'agent.audio.end' && asked.has(r.message['turnId']),
      );
    };
    for (let round = 1; round <= 2; round++) {
      client.sendJson({ type: 'text.input', text: trigger });
      await client.waitUntil(() => endedTriggerTurns().length >= round, 30_000, signal);
    }
    const turnId = endedTriggerTurns()[1]!.message['turnId'];
    return client.frames.filter((f) => f.turnId === turnId).reduce((ms, f) => ms + f.durationMs, 0);
  } finally {
    mic.stop();
    await client.close();
  }
}

function anchorMs(
  at: Anchor,
  readyAtMs: number,
  firstAudioAtMs: number,
  replyMs: number | undefined,
): number {
  switch (at.from) {
    case 'ready':
      return readyAtMs + at.ms;
    case 'agent-audio':
      return firstAudioAtMs + at.ms;
    case 'reply-end':
      if (replyMs === undefined) throw new Error('a reply-end anchor needs the reply length');
      return firstAudioAtMs + replyMs - at.ms;
    case 'reply-fraction':
      if (replyMs === undefined) throw new Error('a reply-fraction anchor needs the reply length');
      return firstAudioAtMs + replyMs * at.fraction;
  }
}

/**
 * Listens until every started turn has ended, the VAD is idle, and the server has
 * been quiet for SETTLE_MS (at least SETTLE_MS after the clip): a slow final transcript on a
 * loaded machine still lands in the recording.
 */
async function settle(client: ScenarioClient, signal: AbortSignal): Promise<void> {
  const clipEndMs = performance.now();
  const untilMs = clipEndMs + MAX_LISTEN_MS;
  while (performance.now() < untilMs) {
    await sleepMs(100, signal);
    const nowMs = performance.now();
    const lastAtMs = client.messages.at(-1)?.atMs ?? 0;
    const lastFrameAtMs = client.frames.at(-1)?.atMs ?? 0;
    const quietMs = nowMs - Math.max(lastAtMs, lastFrameAtMs, clipEndMs);
    if (openTurns(client.messages) === 0 && !listening(client.messages) && quietMs >= SETTLE_MS)
      return;
  }
}

/**
 * The VAD heard speech that has not ended yet. (Interim transcripts are not waited for:
 * pocketsphinx hears words in steady noise and would keep a noisy session open.)
 */
function listening(messages: readonly Received[]): boolean {
  const last = (type: string) => messages.findLastIndex((r) => r.message.type === type);
  return last('user.speech-start') > last('user.speech-end');
}

function openTurns(messages: readonly Received[]): number {
  const started = new Set<unknown>();
  for (const { message } of messages) {
    if (message.type === 'turn.start') started.add(message['turnId']);
    if (message.type === 'turn.end') started.delete(message['turnId']);
  }
  return started.size;
}

function sleepMs(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason as Error);
    const timer = setTimeout(done, Math.max(0, ms));
    function done(): void {
      signal.removeEventListener('abort', abort);
      resolve();
    }
    function abort(): void {
      clearTimeout(timer);
      reject(signal.reason as Error);
    }
    signal.addEventListener('abort', abort, { once: true });
  });
}
