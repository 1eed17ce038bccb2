/**
 * The echo conditions through the WebSocket session, shared by the test and the bench:
 * the agent speaking with espeak-ng or flite, its voice fed back at -3, -9 and -20 dB, 20 to
 * 300 ms late, with sox room reverb and pink noise, and what shows the agent took its own voice
 * for a person.
 */
import type { ServerMessage } from '../../src/transport/messages.ts';
import { ECHO_AGENT, LONG_QUESTION, LONG_REPLY, SHORT_QUESTION } from './echo-agent.ts';
import { MIC_RATE, pinkNoise, roomImpulseResponse } from './echo-audio.ts';
import { PacedRoomClient, type PacedClientOptions, type TimedMessage } from './paced-client.ts';
import type { RoomAcoustics } from './room.ts';

export type AgentVoice = 'espeak' | 'flite';

export interface EchoCondition {
  readonly voice: AgentVoice;
  readonly gainDb: number;
  readonly delayMs: number;
}

/** Reverberance (sox `reverb`, %) and pink noise level (dBFS) in every condition. */
export const REVERB_PERCENT = 50;
export const NOISE_DBFS = -60;

/** Each voice at each level; the delays spread over 20-300 ms, paired differently per voice. */
export const CONDITIONS: readonly EchoCondition[] = [
  { voice: 'espeak', gainDb: -3, delayMs: 20 },
  { voice: 'espeak', gainDb: -9, delayMs: 150 },
  { voice: 'espeak', gainDb: -20, delayMs: 300 },
  { voice: 'flite', gainDb: -3, delayMs: 300 },
  { voice: 'flite', gainDb: -9, delayMs: 60 },
  { voice: 'flite', gainDb: -20, delayMs: 20 },
];

export const describeCondition = (c: EchoCondition) =>
  `${c.voice === 'espeak' ? 'espeak-ng' : 'flite'} at ${c.gainDb} dB, ${c.delayMs} ms`;

export async function acousticsFor(condition: EchoCondition): Promise<RoomAcoustics> {
  return {
    impulseResponse: await roomImpulseResponse(REVERB_PERCENT, condition.gainDb, 100),
    delayMs: condition.delayMs,
    noise: Int16Array.from(await pinkNoise(10 * MIC_RATE, NOISE_DBFS), Math.round),
  };
}

export async function openRoomClient(
  url: string,
  condition: EchoCondition,
  options: PacedClientOptions = {},
): Promise<PacedRoomClient> {
  return PacedRoomClient.open(url, ECHO_AGENT.id, await acousticsFor(condition), options);
}

/** What would show the agent took its own voice for the person. */
export function isSelfInterruption(message: ServerMessage): boolean {
  const asked = (text: string) => text === SHORT_QUESTION || text === LONG_QUESTION;
  return (
    message.type === 'agent.paused' ||
    message.type === 'interrupt' ||
    message.type === 'user.speech-start' ||
    message.type === 'transcript.interim' ||
    (message.type === 'transcript.final' && !asked(message.text)) ||
    (message.type === 'turn.start' && !asked(message.userText))
  );
}

export interface ReplyOutcome {
  readonly turnId: number;
  /** ms of the reply the client played (so heard back). */
  readonly playedMs: number;
  readonly interrupted: boolean;
  /** Every message that showed the agent took its echo for a person. */
  readonly problems: readonly TimedMessage[];
}

/** Asks the short question and lets the reply play out and the room fall quiet. */
export async function askOnce(client: PacedRoomClient): Promise<ReplyOutcome> {
  const from = client.messages.length;
  client.sendText(SHORT_QUESTION);
  const started = await client.waitFor(
    (m) => m.type === 'turn.start' && m.userText === SHORT_QUESTION,
    30_000,
    from,
  );
  const turnId = started.type === 'turn.start' ? started.turnId : -1;
  const ended = await client.waitFor(
    (m) => m.type === 'turn.end' && m.turnId === turnId,
    60_000,
    from,
  );
  await client.drain(400);
  return {
    turnId,
    playedMs: client.playedMs,
    interrupted: ended.type === 'turn.end' && ended.interrupted,
    problems: client.messages.slice(from).filter((m) => isSelfInterruption(m.message)),
  };
}

/**
 * Waits until every turn the session started has ended and the room has been quiet a while,
 * again while that started more (a reply that took its echo for a person leaves turns behind:
 * its interrupt, the words it heard, their answer).
 */
export async function settle(client: PacedRoomClient, quietMs = 1_000): Promise<void> {
  for (let round = 0; round < 5; round++) {
    const seen = client.messages.length;
    const started = client.messages.flatMap((m) =>
      m.message.type === 'turn.start' ? [m.message.turnId] : [],
    );
    for (const turnId of started)
      await client.waitFor((m) => m.type === 'turn.end' && m.turnId === turnId, 60_000);
    await client.drain(quietMs);
    if (!client.messages.slice(seen).some((m) => m.message.type === 'turn.start')) return;
  }
  throw new Error(`the session never settled:\n${client.describe()}`);
}

export interface BargeInOutcome {
  readonly heardText: string;
  /** ms of the reply played when the person started, and when the interrupt came. */
  readonly talkedAtPlayedMs: number;
  readonly playedMsAtInterrupt: number;
  /** The reply's words with their times, as the server sent them. */
  readonly words: readonly { readonly word: string; readonly startMs: number }[];
  /** Messages from the reply's start, for failure messages. */
  readonly log: string;
  readonly pausedAfterTalk: boolean;
  readonly interruptAfterTalk: boolean;
  /** onset → agent silent, from the server's turn metrics. */
  readonly interruptMs: number | undefined;
}

/** The long reply; `user` talks over its echo once `afterPlayedMs` of it has played. */
export async function bargeIn(
  client: PacedRoomClient,
  user: Int16Array,
  afterPlayedMs: number,
): Promise<BargeInOutcome> {
  const from = client.messages.length;
  client.sendText(LONG_QUESTION);
  const started = await client.waitFor(
    (m) => m.type === 'agent.audio.start' && m.turnId > 0,
    30_000,
    from,
  );
  const turnId = started.type === 'agent.audio.start' ? started.turnId : -1;
  const deadline = performance.now() + 30_000;
  while (client.playedMs < afterPlayedMs) {
    if (performance.now() > deadline)
      throw new Error(`only ${client.playedMs} ms played:\n${client.describe(from)}`);
    await sleep(10);
  }
  const talkedAtPlayedMs = client.playedMs;
  const talkedAt = client.messages.length;
  client.talk(user);
  await client.waitFor((m) => m.type === 'interrupt' && m.turnId === turnId, 30_000, from);
  const metrics = await client
    .waitFor((m) => m.type === 'metrics.turn' && m.metrics.turnId === turnId, 10_000, from)
    .catch(() => undefined);
  const after = client.messages.slice(talkedAt).map((m) => m.message);
  const interrupt = client.messages
    .slice(from)
    .map((m) => m.message)
    .find((m) => m.type === 'interrupt' && m.turnId === turnId);
  return {
    heardText: interrupt?.type === 'interrupt' ? interrupt.heardText : '',
    talkedAtPlayedMs,
    playedMsAtInterrupt: client.playedMsAtInterrupt ?? Number.NaN,
    words: client.messages
      .slice(from)
      .map((m) => m.message)
      .flatMap((m) => (m.type === 'agent.word' && m.turnId === turnId ? [m] : [])),
    log: client.describe(from),
    pausedAfterTalk: after.some((m) => m.type === 'agent.paused' && m.turnId === turnId),
    interruptAfterTalk: after.some((m) => m.type === 'interrupt' && m.turnId === turnId),
    interruptMs: metrics?.type === 'metrics.turn' ? metrics.metrics.interruptMs : undefined,
  };
}

/** The heard text, lower case, without the trailing ellipsis the server may add. */
export const heardWords = (heardText: string) =>
  heardText
    .toLowerCase()
    .replace(/[.…]+$/, '')
    .split(/\s+/)
    .filter((w) => w.length > 0);

export const LONG_REPLY_WORDS = heardWords(LONG_REPLY);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
