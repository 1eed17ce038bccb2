import type { TurnRecord } from './model.ts';

/**
 * What the user heard of the agent's reply and what they did not (cut off by an
 * interruption or by the end of the call). `heardText` is the words-heard estimate; the rest
 * of `agentText` after it is unheard. When the estimate is not a prefix of the text (a
 * normalised spelling), the whole reply beyond the heard word count is unheard.
 */
export function heardAndUnheard(turn: Pick<TurnRecord, 'agentText' | 'heardText'>): {
  heard: string;
  unheard: string;
} {
  const heard = turn.heardText.trim();
  const agent = turn.agentText.trim();
  if (agent.startsWith(heard)) return { heard, unheard: agent.slice(heard.length).trim() };
  const heardWords = heard === '' ? 0 : heard.split(/\s+/).length;
  return { heard, unheard: agent.split(/\s+/).slice(heardWords).join(' ') };
}
