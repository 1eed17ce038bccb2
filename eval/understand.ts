import { decide } from '../src/providers/local/dialogue/decide.ts';
import type { ChatMessage } from '../src/spec/llm.ts';
import { formatPassagesForPrompt } from '../src/text/passages.ts';
import type { EvalAgent } from './agents.ts';
import { judge, type Verdict } from './judge.ts';
import type { Expectation } from './requests.ts';

/**
 * The dialogue engine's first decision on `text` as a server session makes it
 * (retrieved passages as a system message, the utterance embedded first),
 * judged against what was right.
 */
export async function understand(
  agent: EvalAgent,
  text: string,
  expect: Expectation,
  signal: AbortSignal,
): Promise<Verdict> {
  const messages: ChatMessage[] = [];
  if (agent.retriever && text.trim() !== '') {
    const prompt = formatPassagesForPrompt(await agent.retriever.retrieve(text, signal));
    if (prompt !== '') messages.push({ role: 'system', content: prompt });
  }
  messages.push({ role: 'user', content: text });
  await agent.semantic?.prepare([text], signal);
  return judge(decide(agent.context, messages), expect, agent.language);
}
