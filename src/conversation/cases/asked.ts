import type { ConversationCase } from '../../testing/conversation-table.ts';

/**
 * The opening the barge-in tables share: the user asks; reply #1 starts at 1300 and its first
 * audio goes out at 1400.
 */
export const ASKED: ConversationCase['timeline'] = [
  [0, 'speech'],
  [1000, 'silence'],
  [1000, 'final:Count to twelve.'],
  [1400, 'audio'],
];

/** The command that starts reply #1 after ASKED. */
export const REPLY_1 = '1300 start #1 "Count to twelve."';
