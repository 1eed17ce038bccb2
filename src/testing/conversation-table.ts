import { DEFAULT_END_OF_TURN, defaultInterruption } from '../conversation/defaults.ts';
import {
  type ConversationCommand,
  type ConversationEvent,
  type ConversationPolicy,
  type ConversationState,
  initialConversation,
} from '../conversation/state.ts';
import { step } from '../conversation/step.ts';
import type { EndOfTurnConfig, InterruptionConfig } from '../spec/turn.ts';

/**
 * A conversation case as a timeline: `[atMs, what happens]` in, the commands the reducer
 * gives out, each as `atMs what`. Deadlines fire on their own between the lines.
 *
 * In: `speech` (VAD start, onset = atMs), `speech@1950` (onset estimate), `echo-speech:0.9`,
 * `silence` (VAD end, at atMs), `silence@1950` (an end that arrived earlier: a lagging VAD),
 * `interim:text`, `final:text`, `final@700:text` (its last word ended at 700), `final+eot:text` (with the vendor's end of turn),
 * `interim:no | uh huh` (text, then the STT's alternative readings after ` | `; finals too),
 * `final+eager:text` (an eager one), `lag:vad=800,stt=300`, `text:typed`, `ptt-down`, `ptt-up`,
 * `greet:Hello.`, `audio` (the current reply's first frame), `ended` (it finished),
 * `tool:on` / `tool:off`, `prepared-tool:on` (a tool of the prepared reply), `played:950`.
 * Out: `start #2 "text"`, `start #2 "text" merges #1`, `cancel #1`, `pause #1`,
 * `resume #1`, `interrupt #1 onset=2300`, `retract #1 onset=2300`, `backchannel "mhm"`,
 * `open-mic`, `close-mic`, `finalize-stt`, `prepare #2 "text"`, `commit #2`, `discard #2`.
 */
export interface ConversationCase {
  readonly name: string;
  readonly timeline: readonly (readonly [number, string])[];
  readonly expect: readonly string[];
  readonly interruption?: Partial<InterruptionConfig>;
  readonly endOfTurn?: Partial<EndOfTurnConfig>;
  readonly policy?: Partial<Omit<ConversationPolicy, 'interruption' | 'endOfTurn'>>;
  /** Keep firing deadlines until this time after the last line. Default 10 000 ms. */
  readonly runOutMs?: number;
}

export function casePolicy(c: ConversationCase): ConversationPolicy {
  const language = c.policy?.language ?? 'en-US';
  return {
    endOfTurn: { ...DEFAULT_END_OF_TURN, ...c.endOfTurn },
    interruption: { ...defaultInterruption(language), ...c.interruption },
    language,
    interimResults: true,
    vendorEndOfTurn: false,
    pushToTalk: false,
    preemptiveReply: false,
    maxUserTextChars: 2000,
    isExpectedPhrase: () => false,
    ...c.policy,
  };
}

/** `text | reading | reading`: the text, and the STT's alternative readings when any. */
function withReadings(arg: string): { text: string; alternatives?: readonly string[] } {
  const [text = '', ...alternatives] = arg.split(' | ');
  return alternatives.length === 0 ? { text } : { text, alternatives };
}

function parseLine(atMs: number, line: string, s: ConversationState): ConversationEvent {
  const colon = line.indexOf(':');
  const head = colon === -1 ? line : line.slice(0, colon);
  const arg = colon === -1 ? '' : line.slice(colon + 1);
  const heard = withReadings(arg);
  const turnId = s.reply?.turnId ?? -1;
  const nowMs = atMs;
  if (head.startsWith('speech')) {
    const onsetMs = head.includes('@') ? Number(head.split('@')[1]) : atMs;
    return { type: 'vad-start', nowMs, onsetMs, echoShare: 0 };
  }
  if (head.startsWith('final@')) {
    return { type: 'stt-final', nowMs, ...heard, wordsEndedAtMs: Number(head.split('@')[1]) };
  }
  if (head.startsWith('silence@')) {
    return { type: 'vad-end', nowMs, endedAtMs: Number(head.split('@')[1]) };
  }
  switch (head) {
    case 'final+eot':
      return { type: 'stt-final', nowMs, text: arg, endOfTurn: { confidence: 0.9 } };
    case 'final+eager':
      return { type: 'stt-final', nowMs, text: arg, endOfTurn: { confidence: 0.6, eager: true } };
    case 'lag': {
      const lags = new Map(arg.split(',').map((pair) => pair.split('=') as [string, string]));
      const ms = (name: string) => Number(lags.get(name) ?? 0);
      return { type: 'engine-lag', nowMs, vadLagMs: ms('vad'), sttLagMs: ms('stt') };
    }
    case 'echo-speech':
      return { type: 'vad-start', nowMs, onsetMs: atMs, echoShare: Number(arg) };
    case 'silence':
      return { type: 'vad-end', nowMs, endedAtMs: atMs };
    case 'interim':
      return { type: 'stt-interim', nowMs, ...heard };
    case 'final':
      return { type: 'stt-final', nowMs, ...heard };
    case 'text':
      return { type: 'text', nowMs, text: arg };
    case 'ptt-down':
    case 'ptt-up':
      return { type: head, nowMs };
    case 'greet':
      return { type: 'greet', nowMs, text: arg };
    case 'cancel':
      return { type: 'cancel', nowMs };
    case 'audio':
      return { type: 'reply-first-audio', nowMs, turnId };
    case 'ended':
      return { type: 'reply-ended', nowMs, turnId };
    case 'tool':
      return { type: 'tool-progress', nowMs, turnId, running: arg === 'on' };
    case 'prepared-tool':
      return {
        type: 'tool-progress',
        nowMs,
        turnId: s.prepared?.turnId ?? -1,
        running: arg === 'on',
      };
    case 'played':
      return { type: 'playback', nowMs, turnId, playedMs: Number(arg) };
    default:
      throw new Error(`conversation table: cannot read "${line}"`);
  }
}

export function renderCommand(c: ConversationCommand): string | undefined {
  switch (c.type) {
    case 'start-reply': {
      const merges = c.supersedes !== undefined ? ` merges #${c.supersedes}` : '';
      return `start #${c.turnId} "${c.fixedText ?? c.userText}"${merges}`;
    }
    case 'cancel-reply':
      return `cancel #${c.turnId}`;
    case 'prepare-reply':
      return `prepare #${c.turnId} "${c.userText}"`;
    case 'commit-reply':
      return `commit #${c.turnId}`;
    case 'discard-reply':
      return `discard #${c.turnId}`;
    case 'pause':
    case 'resume':
      return `${c.type} #${c.turnId}`;
    case 'interrupt':
      return `interrupt #${c.turnId} onset=${c.onsetMs}`;
    case 'retract-reply':
      return `retract #${c.turnId} onset=${c.onsetMs}`;
    case 'emit':
      return c.event.type === 'user.backchannel' ? `backchannel "${c.event.text}"` : undefined;
    case 'schedule':
    case 'cancel-deadline':
      return undefined;
    case 'open-mic':
    case 'close-mic':
    case 'finalize-stt':
      return c.type;
  }
}

/** Runs a case through `step`, firing deadlines in between; returns what came out. */
export function runConversationCase(c: ConversationCase): {
  readonly lines: string[];
  readonly state: ConversationState;
  readonly commands: { readonly atMs: number; readonly command: ConversationCommand }[];
} {
  let state = initialConversation(casePolicy(c));
  const commands: { atMs: number; command: ConversationCommand }[] = [];
  const feed = (event: ConversationEvent) => {
    const result = step(state, event);
    state = result.state;
    for (const command of result.commands) commands.push({ atMs: state.nowMs, command });
  };
  const fireDeadlinesUntil = (limitMs: number) => {
    for (let guard = 0; guard < 1000; guard++) {
      const dueMs = state.deadlineMs;
      if (dueMs === undefined || dueMs > limitMs) return;
      feed({ type: 'deadline', nowMs: dueMs });
    }
    throw new Error('conversation table: deadlines keep firing');
  };
  for (const [atMs, line] of c.timeline) {
    fireDeadlinesUntil(atMs);
    feed(parseLine(atMs, line, state));
  }
  const lastMs = c.timeline[c.timeline.length - 1]?.[0] ?? 0;
  fireDeadlinesUntil(lastMs + (c.runOutMs ?? 10_000));
  const lines = commands.flatMap(({ atMs, command }) => {
    const text = renderCommand(command);
    return text === undefined ? [] : [`${atMs} ${text}`];
  });
  return { lines, state, commands };
}
