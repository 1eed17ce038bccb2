import assert from 'node:assert/strict';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { SphinxDecoder } from '../providers/local/stt/decoder.ts';
import { createPocketsphinxStt } from '../providers/local/stt/index.ts';
import { audioInputs } from '../providers/local/stt/test-speech.ts';
import { ClipMaker, type TestVoice } from '../testing/speech/index.ts';
import { languageTable } from '../text/language.ts';
import { isBackchannel } from './backchannel.ts';
import { classifyCompleteness } from './end-of-turn.ts';
import { listeningVocabulary } from './listening-vocabulary.ts';

// What the listening keywords do to a real recogniser (pocketsphinx, its grammar, LM and keyword
// search) on real speech: ordinary requests that the grammar used to force onto a turn-taking
// keyword (eval/spot-words.ts; "i need a technician" → "i need a minute" then waited long as if
// the user had asked for time), in tuning voices (flite) and held-out ones (RHVoice clb, Pico).

const RATE = 16_000;
const signal = new AbortController().signal;
const maker = new ClipMaker(join(tmpdir(), 'parley-listening-speech'));
const table = languageTable('en');

/** The scenarios' desk agent's phrases, as an agent writes them, with the listening hints. */
const VOCABULARY = listeningVocabulary(
  {
    phrases: [
      'tell me about your plans',
      'my order number is {digits}',
      'my phone number is {digits}',
      '{digits}',
    ],
  },
  'en-US',
);

/** The policy's reading: a backchannel or a request for time makes the agent hold its turn. */
function holdsTheTurn(text: string): boolean {
  return (
    isBackchannel(text, table.backchannelHints, 'en') ||
    classifyCompleteness(text, { language: 'en' }) === 'asking-for-time'
  );
}

/** `text` said by `voice` with a second of silence either side, heard in one stream. */
async function hear(voice: TestVoice, text: string): Promise<string> {
  const said = (await maker.make({ voice, parts: [{ say: text }] }, signal)).samples;
  const clip = new Int16Array(said.length + 2 * RATE);
  clip.set(said, RATE);
  const stt = createPocketsphinxStt();
  const finals: string[] = [];
  for await (const part of stt.stream({
    audio: audioInputs(clip),
    sampleRate: RATE,
    vocabulary: VOCABULARY,
    signal,
  })) {
    if (part.type === 'error') throw part.error;
    if (part.type === 'final' && part.text) finals.push(part.text);
  }
  return finals.join(' ');
}

const ORDINARY: readonly [TestVoice, string][] = [
  ['flite-awb', 'i need a technician'],
  ['flite-slt', 'i need to write up an incident report'],
  ['flite-rms', 'show me the manual for the compressor'],
  ['rhvoice-clb', 'the bearing reads a temperature of seventy'],
  ['rhvoice-clb', 'current on the motor is forty two amps'],
  ['pico-en-US', 'get me a manager right now'],
];

const TURN_TAKING: readonly [TestVoice, string][] = [
  ['flite-slt', 'Give me a minute.'],
  ['rhvoice-clb', 'Hold on a second.'],
  ['pico-en-US', 'okay'],
];

describe('the listening keywords on real speech (pocketsphinx with its keyword search)', () => {
  after(async () => {
    await SphinxDecoder.allFreed();
  });

  for (const [voice, text] of ORDINARY) {
    it(`hears "${text}" (${voice}) as a request, not a backchannel or a request for time`, async () => {
      const heard = await hear(voice, text);
      assert.ok(heard.length > 0, 'heard nothing');
      assert.equal(holdsTheTurn(heard), false, `heard "${heard}"`);
    });
  }

  for (const [voice, text] of TURN_TAKING) {
    it(`still hears "${text}" (${voice}) as what it is`, async () => {
      const heard = await hear(voice, text);
      assert.equal(holdsTheTurn(heard), true, `heard "${heard}"`);
    });
  }
});
