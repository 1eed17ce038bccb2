import type { SttVocabulary } from '../spec/stt.ts';
import { languageTable } from '../text/language.ts';

/**
 * The vocabulary the STT is given: the agent's, plus what turn-taking listens for — the
 * language's backchannels and ways of asking for time — as keywords. A recogniser biased
 * towards the agent's phrases otherwise hears a listener's "okay" as the nearest phrase ("oh
 * two eight") and "hold on a second" as "obama's second", and the policy cannot act. Only an
 * agent that already biases the STT (phrases or keywords) gets the hints; a hand-written
 * grammar is used as given. English only: the hints are checked against the English
 * pronouncing dictionary, and other languages' recognisers here (the café's Spanish through
 * English phones) are grammars of the agent's own phrases that extra words only confuse.
 * `turnTaking` names those phrases and the interrupting words ("wait", "stop") for a
 * recogniser that listens for them on their own (the local one spots them; see its README).
 * A keyword fits ordinary speech too ("i need a technician" as "i need a minute"): the local
 * recogniser reports one its grammar chose only when its keyword search heard one as well.
 */
export function listeningVocabulary(
  vocabulary: SttVocabulary | undefined,
  language: string,
): SttVocabulary | undefined {
  if (vocabulary === undefined || vocabulary.grammar !== undefined) return vocabulary;
  if (!language.toLowerCase().startsWith('en')) return vocabulary;
  const given = [...(vocabulary.phrases ?? []), ...(vocabulary.keywords ?? [])];
  if (given.length === 0) return vocabulary;
  const known = new Set(given.map((p) => p.toLowerCase().trim()));
  const table = languageTable(language);
  const hints = [...table.backchannelHints, ...table.askingForTime].filter((h) => !known.has(h));
  const turnTaking = [
    ...new Set([...table.backchannelHints, ...table.askingForTime, ...table.interruptingWords]),
  ];
  return {
    ...vocabulary,
    ...(hints.length > 0 && { keywords: [...(vocabulary.keywords ?? []), ...hints] }),
    turnTaking,
  };
}
