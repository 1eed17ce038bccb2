import type { Recording } from './run.ts';
import type { Received } from './client.ts';

/** A scenario's outcome, with what happened in words. */
export interface Verdict {
  readonly pass: boolean;
  readonly reason: string;
}

export interface JudgeContext {
  /** Length of the trigger reply's audio. */
  readonly replyMs?: number;
}

const fail = (reason: string): Verdict => ({ pass: false, reason });
const pass = (reason: string): Verdict => ({ pass: true, reason });

function onsetAtMs(rec: Recording): number {
  return rec.spansSentAtMs[0]?.startMs ?? Number.NaN;
}

function of(rec: Recording, type: string, turnId?: number): Received[] {
  return rec.messages.filter(
    (r) => r.message.type === type && (turnId === undefined || r.message['turnId'] === turnId),
  );
}

/** User turns that started at or after `fromMs` (the trigger's typed turn excluded). */
function userTurnsFrom(rec: Recording, fromMs: number): Received[] {
  return of(rec, 'turn.start').filter(
    (r) => r.atMs >= fromMs && r.message['turnId'] !== rec.triggerTurnId,
  );
}

const ms = (value: number) => `${Math.round(value)} ms`;
const quote = (r: Received | undefined) => JSON.stringify(r?.message['userText'] ?? '');

/**
 * Said over the reply: no interrupt, no user turn of its own, and the reply plays to its end.
 * With `heard`, the VAD must also have heard the user while the reply played (a backchannel is
 * speech: passing because the server never noticed it would prove nothing).
 */
export function judgeNotInterrupted(rec: Recording, options: { heard?: boolean } = {}): Verdict {
  const onset = onsetAtMs(rec);
  const turn = rec.triggerTurnId;
  const interrupt = of(rec, 'interrupt', turn)[0];
  if (interrupt)
    return fail(
      `interrupted ${ms(interrupt.atMs - onset)} after the onset (heard ${JSON.stringify(interrupt.message['heardText'])})`,
    );
  const end = of(rec, 'agent.audio.end', turn)[0];
  if (end === undefined) return fail('the reply never ended');
  if (end.message['interrupted'] === true) return fail('the reply ended as interrupted');
  const turns = userTurnsFrom(rec, onset);
  if (turns.length > 0) return fail(`it became a user turn: ${turns.map(quote).join(', ')}`);
  const heard = of(rec, 'user.speech-start').find((r) => r.atMs >= onset && r.atMs <= end.atMs);
  if (options.heard && heard === undefined)
    return fail('the VAD never heard it while the reply played: nothing was tested');
  const paused = of(rec, 'agent.paused', turn)[0];
  return pass(
    paused
      ? `not interrupted (paused ${ms(paused.atMs - onset)} after the onset, then resumed)`
      : 'not interrupted, never paused',
  );
}

/** A real barge-in: `interrupt` comes, the agent's audio stops, heard text is a prefix of what was said. */
export function judgeBargeIn(rec: Recording, context: JudgeContext): Verdict {
  const onset = onsetAtMs(rec);
  const turn = rec.triggerTurnId;
  const interrupt = of(rec, 'interrupt', turn).find((r) => r.atMs >= onset);
  if (interrupt === undefined) {
    const end = of(rec, 'agent.audio.end', turn)[0];
    return fail(
      `no interrupt; the reply ${end ? `ended ${ms(end.atMs - onset)} after the onset` : 'never ended'}`,
    );
  }
  const frames = rec.frames.filter((f) => f.turnId === turn);
  const lastFrameAtMs = Math.max(...frames.map((f) => f.atMs));
  if (lastFrameAtMs > interrupt.atMs + 100)
    return fail(`agent audio went on ${ms(lastFrameAtMs - interrupt.atMs)} after the interrupt`);
  const said = of(rec, 'agent.text', turn)
    .map((r) => text(r.message['text']))
    .join(' ');
  const heard = text(interrupt.message['heardText']);
  if (!normalize(said).startsWith(normalize(heard)))
    return fail(`heard text ${JSON.stringify(heard)} is not a prefix of ${JSON.stringify(said)}`);
  const playedMs = rec.playedMs.get(turn ?? -1);
  if (context.replyMs !== undefined && playedMs !== undefined) {
    const saidWords = words(said).length;
    const playedWords = (saidWords * playedMs) / context.replyMs;
    if (words(heard).length > playedWords + 3)
      return fail(
        `heard ${words(heard).length} words but only ${Math.round(playedWords)} of ${saidWords} were played`,
      );
  }
  return pass(
    `interrupt ${ms(interrupt.atMs - onset)} and silence ${ms(lastFrameAtMs - onset)} after the onset; heard ${JSON.stringify(heard)}`,
  );
}

/** Dictation with pauses: exactly one user turn, holding every digit in order (a digit misheard before them is the STT's, not the turn-taking's). */
export function judgeOneTurnWithDigits(rec: Recording, digits: string): Verdict {
  const turns = userTurnsFrom(rec, onsetAtMs(rec) - 50);
  if (turns.length !== 1)
    return fail(`${turns.length} user turns: ${turns.map(quote).join(', ') || 'none'}`);
  const heard = text(turns[0]!.message['userText']);
  const got = digitsOf(heard);
  if (!got.includes(digits))
    return fail(
      `one turn, but ${JSON.stringify(heard)} holds ${got || 'no digits'}, not ${digits}`,
    );
  return pass(`one turn: ${JSON.stringify(heard)}`);
}

/** "Hold on a second", a pause, then the rest: the agent does not take the turn in the pause. */
export function judgeWaits(rec: Recording): Verdict {
  const [askForTime, rest] = rec.spansSentAtMs;
  if (askForTime === undefined || rest === undefined) return fail('the clip needs two parts');
  const early = userTurnsFrom(rec, askForTime.startMs).filter((r) => r.atMs < rest.startMs);
  if (early.length > 0)
    return fail(
      `the agent took the turn ${ms(early[0]!.atMs - askForTime.endMs)} after ${quote(early[0])} ended`,
    );
  const later = userTurnsFrom(rec, rest.startMs);
  if (later.length === 0) return fail('no turn after the user came back');
  return pass(
    `waited ${ms(rest.startMs - askForTime.endMs)}; then ${later.length} turn(s): ${later.map(quote).join(', ')}`,
  );
}

/**
 * A pause mid-sentence after words that sound finished ("I want to check my order … number
 * four five seven one"): one user turn is answered, begun once the user went on, holding
 * the first part's last word and at least two digits after it. A reply begun in the pause is
 * fine if it was retracted (its `turn.end` says `cancelled`); one that was answered is the failure.
 */
export function judgeContinued(rec: Recording, lastWordOfFirstPart: string): Verdict {
  const [, rest] = rec.spansSentAtMs;
  if (rest === undefined) return fail('the clip needs two parts');
  const turns = userTurnsFrom(rec, onsetAtMs(rec) - 50);
  const ended = new Set(
    of(rec, 'turn.end')
      .filter((r) => r.message['cancelled'] !== true)
      .map((r) => r.message['turnId']),
  );
  const answered = turns.filter((r) => ended.has(r.message['turnId']));
  if (answered.length !== 1)
    return fail(
      `${answered.length} answered user turns: ${answered.map(quote).join(', ') || 'none'}`,
    );
  const turn = answered[0]!;
  if (turn.atMs < rest.startMs)
    return fail(`the first part was answered on its own: ${quote(turn)}`);
  const heard = words(text(turn.message['userText']));
  const at = heard.lastIndexOf(lastWordOfFirstPart);
  if (at < 0) return fail(`the answered turn ${quote(turn)} lost the first part`);
  if (digitsOf(heard.slice(at + 1).join(' ')).length < 2)
    return fail(`the answered turn ${quote(turn)} lost the part after the pause`);
  const retracted = turns.length - answered.length;
  const how =
    retracted > 0
      ? `${retracted} reply begun in the pause retracted`
      : 'no reply begun in the pause';
  return pass(`${how}; one turn: ${quote(turn)}`);
}

/** Push-to-talk: nothing before the release, a spoken reply after it. */
export function judgeReplyAfterRelease(rec: Recording): Verdict {
  const up = rec.pttUpAtMs;
  if (up === undefined) return fail('push-to-talk was never released');
  const early = userTurnsFrom(rec, onsetAtMs(rec) - 300).filter((r) => r.atMs < up);
  if (early.length > 0)
    return fail(`a turn started ${ms(up - early[0]!.atMs)} before the release: ${quote(early[0])}`);
  const turn = userTurnsFrom(rec, up)[0];
  if (turn === undefined) return fail('no turn after the release');
  const audio = rec.frames.find((f) => f.turnId === turn.message['turnId']);
  if (audio === undefined) return fail(`turn ${quote(turn)} started but no agent audio came`);
  return pass(
    `turn ${ms(turn.atMs - up)} and first audio ${ms(audio.atMs - up)} after the release: ${quote(turn)}`,
  );
}

const DIGIT_WORDS: Readonly<Record<string, string>> = {
  zero: '0',
  oh: '0',
  o: '0',
  one: '1',
  two: '2',
  three: '3',
  four: '4',
  five: '5',
  six: '6',
  seven: '7',
  eight: '8',
  nine: '9',
};

/** The digits a transcript holds, from words ("oh" = 0) or figures. */
export function digitsOf(text: string): string {
  return words(text)
    .map((word) => DIGIT_WORDS[word] ?? word.replace(/\D/g, ''))
    .join('');
}

function words(text: string): string[] {
  return text
    .toLowerCase()
    .split(/[^a-z0-9']+/)
    .filter((w) => w !== '');
}

function normalize(text: string): string {
  return words(text).join(' ');
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

/** An ordinary question: one user turn, answered with audio that plays to its end. */
export function judgeAnswered(rec: Recording): Verdict {
  const turns = userTurnsFrom(rec, onsetAtMs(rec) - 50);
  const turn = turns[0];
  if (turn === undefined) return fail('no user turn');
  if (turns.length > 1) return fail(`${turns.length} user turns: ${turns.map(quote).join(', ')}`);
  const interrupt = of(rec, 'interrupt')[0];
  if (interrupt)
    return fail(
      `the agent's answer was interrupted (heard ${JSON.stringify(interrupt.message['heardText'])})`,
    );
  const audio = rec.frames.find((f) => f.turnId === turn.message['turnId']);
  if (audio === undefined) return fail(`turn ${quote(turn)} started but no agent audio came`);
  const endMs = rec.spansSentAtMs.at(-1)?.endMs ?? Number.NaN;
  return pass(
    `first agent audio ${ms(audio.atMs - endMs)} after the end of speech: ${quote(turn)}`,
  );
}
