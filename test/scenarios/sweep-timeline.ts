import type { ConversationCase } from '../../src/testing/conversation-table.ts';

/** A part the recogniser gave, with the ms of speech fed (from the true onset) when it came. */
export interface HeardPart {
  readonly kind: 'interim' | 'final';
  readonly text: string;
  readonly atMs: number;
  /** The STT's other readings of the same audio. */
  readonly alternatives?: readonly string[];
  /** The STT's confidence in a final (0..1), when it gave one. */
  readonly confidence?: number;
  /** When a final's last word ended (ms from the true onset). */
  readonly wordsEndedMs?: number;
}

/** A speech edge the VAD reported: when it came and the audio ms it names (ms from the true onset). */
export interface VadEdge {
  readonly kind: 'speech-start' | 'speech-end';
  readonly atMs: number;
  readonly namesMs: number;
}

/** The agent answers a question: reply #1 starts at 1300, its audio at 1400 (as in the table cases). */
const ASKED: ConversationCase['timeline'] = [
  [0, 'speech'],
  [1000, 'silence'],
  [1000, 'final:Count to twelve.'],
  [1400, 'audio'],
];
/** The user's onset, 1.2 s into the reply (as in the backchannel scenarios). */
export const ONSET_MS = 2600;
/** Edges the VAD found this long before the onset or earlier are left out (the reply had not begun). */
const EARLIEST_MS = -1000;

/** `final@…` when the final says when its last word ended (as the session passes it on). */
function kindOf(part: HeardPart): string {
  if (part.kind === 'interim' || part.wordsEndedMs === undefined) return part.kind;
  return `final@${ONSET_MS + Math.round(part.wordsEndedMs)}`;
}

/**
 * A conversation case for speech starting 1.2 s into a reply, with what the VAD and the
 * recogniser reported laid on the timeline as it came.
 */
export function overAgent(heard: readonly HeardPart[], vad: readonly VadEdge[]): ConversationCase {
  const at = (ms: number) => ONSET_MS + Math.round(ms);
  const user: [number, string][] = [
    ...vad
      .filter((edge) => edge.atMs > EARLIEST_MS)
      .map((edge): [number, string] => [
        at(edge.atMs),
        `${edge.kind === 'speech-start' ? 'speech' : 'silence'}@${at(edge.namesMs)}`,
      ]),
    ...heard
      .filter((part) => part.text !== '' && part.atMs > EARLIEST_MS)
      .map((part): [number, string] => [
        at(part.atMs),
        [`${kindOf(part)}:${part.text}`, ...(part.alternatives ?? [])].join(' | '),
      ]),
  ];
  user.sort((a, b) => a[0] - b[0]);
  return { name: 'over the agent', timeline: [...ASKED, ...user], expect: [] };
}
