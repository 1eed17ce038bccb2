import { before } from 'node:test';
import { AGENT_RATE, speech } from './echo-audio.ts';

/** A person who talks over the agent in a test, in their own voice. */
export interface TestPerson {
  readonly name: string;
  say(): Promise<Int16Array>;
}

/** What a suite's tests play: the agent's reply in each voice, and each person's words by name. */
export interface SpokenForSuite {
  readonly replies: Record<'espeak' | 'flite', Int16Array>;
  readonly people: Map<string, Int16Array>;
}

/**
 * Speaks `reply` in the agent's two voices (its first `maxSamples` only, when given) and each
 * person's words once, before the enclosing `describe`'s tests; filled in place, so the tests
 * read them when they run.
 */
export function spokenBeforeAll(
  reply: string,
  people: readonly TestPerson[] = [],
  maxSamples?: number,
): SpokenForSuite {
  const spoken: SpokenForSuite = {
    replies: { espeak: new Int16Array(0), flite: new Int16Array(0) },
    people: new Map(),
  };
  before(async () => {
    for (const voice of ['espeak', 'flite'] as const) {
      const samples = await speech(reply, voice, AGENT_RATE);
      spoken.replies[voice] = maxSamples === undefined ? samples : samples.slice(0, maxSamples);
    }
    for (const person of people) spoken.people.set(person.name, await person.say());
  });
  return spoken;
}
