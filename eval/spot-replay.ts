// Replays the spotting rule (src/providers/local/stt/spotted.ts) over clips saved by
// eval/spot-words.ts, under several settings: turn-taking clips heard in their class
// (backchannel, asking for time, interrupting), and ordinary sentences turned into a
// backchannel or a request for time (false alarms), tuning and held-out voices apart.
//   node --import tsx eval/spot-replay.ts /tmp/spot-words.json [more.json …] [--list]
//     [--witness=on|off] (the chooser again: a grammar's turn-taking phrase needs a spot, or not)
//     [--only=chain] (only the default and the asking-for-time chain's settings)
import { readFile } from 'node:fs/promises';
import { holdsInterruptingWord, isBackchannel } from '../src/listen/backchannel.ts';
import { classifyCompleteness } from '../src/listen/end-of-turn.ts';
import { chooseHypothesis, DEFAULT_CHOOSE } from '../src/providers/local/stt/choose.ts';
import {
  DEFAULT_SPOTTED,
  spottedInstead,
  wholeUtteranceSpot,
  type HeardWords,
  type SpottedOptions,
} from '../src/providers/local/stt/spotted.ts';
import { languageTable } from '../src/text/language.ts';
import { listeningVocabulary } from '../src/listen/listening-vocabulary.ts';
import { normaliseKeyphrase } from '../src/providers/local/stt/keyphrases.ts';
import { DESK_AGENT } from '../test/scenarios/agent.ts';
import { HELD_OUT_VOICES, type SavedClip } from './spot-words.ts';

type TurnClass = 'nothing' | 'backchannel' | 'asking-for-time' | 'interrupting' | 'words';

const table = languageTable('en');
const turnTakingPhrases = new Set(
  (listeningVocabulary(DESK_AGENT.vocabulary, 'en-US')?.turnTaking ?? []).map(normaliseKeyphrase),
);
const isTurnTaking = (text: string) => turnTakingPhrases.has(normaliseKeyphrase(text));

/** How the policy would read a text (src/listen): the class a turn-taking phrase must keep. */
export function turnClass(text: string): TurnClass {
  const clean = text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}' ]/gu, ' ')
    .trim();
  if (!clean) return 'nothing';
  if (isBackchannel(clean, table.backchannelHints, 'en')) return 'backchannel';
  if (classifyCompleteness(clean, { language: 'en' }) === 'asking-for-time')
    return 'asking-for-time';
  if (holdsInterruptingWord(clean, 'en')) return 'interrupting';
  return 'words';
}

type Utterance = SavedClip['heard']['utterances'][number];
const witness = process.argv.find((a) => a.startsWith('--witness='))?.slice('--witness='.length);

/**
 * What the decoders' chooser reported for an utterance: as heard, or (`--witness=on|off`) chosen
 * again from the saved candidates with or without the keyword search as a witness for a
 * grammar's turn-taking phrase (choose.ts), so that both are read off the same decoding. An
 * utterance whose choice changes has no word times (as an interim) and keeps words over noise
 * that the stream would have dropped.
 */
function decodersHeard(u: Utterance): HeardWords {
  const heard = u.unspotted;
  const { grammar, lm } = heard.candidates;
  if ((witness !== 'on' && witness !== 'off') || !grammar || !lm) return heard;
  const options = { ...DEFAULT_CHOOSE, turnTakingNeedsSpot: witness === 'on' };
  const spotted = wholeUtteranceSpot(heard.spots, u.loudness, DEFAULT_SPOTTED) !== undefined;
  const source = chooseHypothesis(grammar, lm, options, { isTurnTaking, spotted });
  if (source === heard.source) return heard;
  const text = source === 'grammar' ? grammar.text : source === 'lm' ? lm.text : '';
  return { text, words: undefined, source, spots: heard.spots };
}

/** The clip's finals as the stream would give them under `options` (undefined: no spotting). */
function finalsUnder(clip: SavedClip, options: SpottedOptions | undefined): string {
  return clip.heard.utterances
    .filter((u) => u.reported)
    .map((u) => {
      const heard = decodersHeard(u);
      if (!options) return heard.text;
      return spottedInstead(heard, u.loudness, options, isTurnTaking)?.text ?? heard.text;
    })
    .filter(Boolean)
    .join(' ');
}

interface Tally {
  turnRight: number;
  turnAll: number;
  /** Ordinary utterances made quiet (backchannel, asking for time) by a spot. */
  falseAlarms: number;
  /** Ordinary utterances heard quiet, spot or not (the listening keywords do it too). */
  heardQuiet: number;
  ordinaryAll: number;
}

function tally(clips: readonly SavedClip[], options: SpottedOptions | undefined): Tally {
  const t: Tally = { turnRight: 0, turnAll: 0, falseAlarms: 0, heardQuiet: 0, ordinaryAll: 0 };
  for (const clip of clips) {
    const heard = turnClass(finalsUnder(clip, options));
    const said = turnClass(clip.said);
    if (clip.set === 'turn-taking') {
      t.turnAll += 1;
      if (heard === said) t.turnRight += 1;
    } else {
      t.ordinaryAll += 1;
      const plain = turnClass(finalsUnder(clip, undefined));
      const quiet = (c: TurnClass) => c === 'backchannel' || c === 'asking-for-time';
      if (quiet(heard) && !quiet(said) && !quiet(plain)) t.falseAlarms += 1;
      if (quiet(heard) && !quiet(said)) t.heardQuiet += 1;
    }
  }
  return t;
}

const args = process.argv.slice(2);
const clips: SavedClip[] = [];
for (const file of args.filter((a) => !a.startsWith('--'))) {
  clips.push(...(JSON.parse(await readFile(file, 'utf8')) as SavedClip[]));
}
const heldOut = (clip: SavedClip) => HELD_OUT_VOICES.includes(clip.voice);
const variants: [string, SpottedOptions | undefined][] = [['no spotting', undefined]];
for (const minScore of [-1e9, -2200, -2000, -1800]) {
  for (const minCover of [0.4, 0.5, 0.75]) {
    for (const maxWordsOutside of [0, 1]) {
      variants.push([
        `score ${minScore === -1e9 ? 'any' : minScore} cover ${minCover} outside ${maxWordsOutside}`,
        { minCover, maxWordsOutside, minScore, inInterims: false },
      ]);
    }
  }
}
// The lone-spot rule as set, with chains of ways of asking for time under several settings.
variants.push([
  'default, no asking-for-time chain',
  { ...DEFAULT_SPOTTED, askingForTimeChain: undefined },
]);
for (const minScore of [-2000, -2100, -2200]) {
  for (const minCover of [0.5, 0.6, 0.75]) {
    for (const maxGapMs of [0, 100]) {
      variants.push([
        `chain score ${minScore} cover ${minCover} gap ${maxGapMs}`,
        { ...DEFAULT_SPOTTED, askingForTimeChain: { minScore, minSpots: 2, minCover, maxGapMs } },
      ]);
    }
  }
}
const cell = (t: Tally) =>
  `${t.turnRight}/${t.turnAll} right, ${t.falseAlarms}/${t.ordinaryAll} false alarms (${t.heardQuiet} quiet)`;
const onlyChain = args.includes('--only=chain');
for (const [name, options] of variants) {
  if (onlyChain && options?.askingForTimeChain === undefined && !name.startsWith('default'))
    continue;
  const parts = (['clean', 'noisy'] as const).map((cond) => {
    const of = (held: boolean) =>
      clips.filter((c) => heldOut(c) === held && c.noisy === (cond === 'noisy'));
    return `${cond}: tune ${cell(tally(of(false), options))} | held-out ${cell(tally(of(true), options))}`;
  });
  console.log(`${name.padEnd(34)} ${parts.join(' || ')}`);
}
if (args.includes('--list')) {
  for (const clip of clips) {
    const plain = finalsUnder(clip, undefined);
    const spotted = finalsUnder(clip, DEFAULT_SPOTTED);
    const said = turnClass(clip.said);
    const mark = turnClass(spotted) === said ? ' ' : clip.set === 'turn-taking' ? 'x' : '!';
    console.log(
      `${mark} ${clip.set.padEnd(11)} ${clip.voice.padEnd(11)} ${clip.noisy ? 'noisy' : 'clean'} "${clip.said}" → "${plain}"${spotted !== plain ? ` → spotted "${spotted}"` : ''}`,
    );
  }
}

/**
 * The first-word delay: from the speech's onset (the first loud frame the recogniser judged)
 * to the first interim (or final) read as an interruption, for the interrupting clips; and the
 * backchannel clips that had an interim read as one (an interruption where none was meant).
 */
function firstWords(of: readonly SavedClip[]): string {
  const delays: number[] = [];
  let interrupting = 0;
  let falseInterruptions = 0;
  let backchannels = 0;
  for (const clip of of) {
    const said = turnClass(clip.said);
    const first = clip.heard.utterances[0];
    if (!first) continue;
    const leadMs = clip.noisy ? 3_000 : 1_000;
    const onsetMs = first.loudness.startMs + first.loudness.loud.indexOf(true) * 10 - leadMs;
    const interims = clip.heard.interims.filter((i) => turnClass(i.text) === 'interrupting');
    if (said === 'interrupting' || clip.said.startsWith('Wait, sorry')) {
      interrupting += 1;
      if (interims[0]) delays.push(interims[0].atMs - onsetMs);
    } else if (said === 'backchannel') {
      backchannels += 1;
      if (interims.length > 0) falseInterruptions += 1;
    }
  }
  delays.sort((a, b) => a - b);
  const median = delays.length > 0 ? delays[Math.floor(delays.length / 2)] : Number.NaN;
  return (
    `interrupting word in an interim ${delays.length}/${interrupting}, onset → it p50 ${median} ms ` +
    `[${delays.join(' ')}]; backchannels with an interrupting interim ${falseInterruptions}/${backchannels}`
  );
}

for (const cond of ['clean', 'noisy'] as const) {
  for (const held of [false, true]) {
    const of = clips.filter((c) => heldOut(c) === held && c.noisy === (cond === 'noisy'));
    if (of.length > 0) console.log(`${cond} ${held ? 'held-out' : 'tune'}: ${firstWords(of)}`);
  }
}
