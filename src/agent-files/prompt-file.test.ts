import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigError } from '../spec/errors.ts';
import { parsePromptFile } from './prompt-file.ts';

const file = (front: string, body = 'You are helpful.') => `---\n${front}\n---\n${body}\n`;

describe('parsePromptFile', () => {
  it('turns front matter into the agent and the body into its system prompt', () => {
    const agent = parsePromptFile(
      file(
        [
          'name: Clinic desk',
          'description: Books appointments.',
          'language: es-ES',
          "greeting: 'Hola, ¿en qué puedo ayudarle?'",
          'input: push-to-talk   # the caller holds a key',
          "accent: '#2563eb'",
          'voice:',
          '  local: es',
          '  openai: nova',
          '  rate: 0.9',
          '  gender: female',
          '  style: warm',
          'endOfTurn:',
          '  completeSilenceMs: 300',
          'interruption:',
          '  minSpeechMs: 120',
          'backchannels: vale, sí',
        ].join('\n'),
      ),
      'clinic',
    );
    assert.deepEqual(agent, {
      id: 'clinic',
      name: 'Clinic desk',
      description: 'Books appointments.',
      language: 'es-ES',
      systemPrompt: 'You are helpful.',
      ui: { page: 'agent.html', title: 'Clinic desk', accentColor: '#2563eb' },
      greeting: 'Hola, ¿en qué puedo ayudarle?',
      inputMode: 'push-to-talk',
      voice: {
        byProvider: { local: 'es', openai: 'nova' },
        description: { gender: 'female', style: 'warm' },
        speakingRate: 0.9,
      },
      endOfTurn: { completeSilenceMs: 300 },
      interruption: { minSpeechMs: 120, backchannels: ['vale', 'sí'] },
    });
  });

  it('reads the page, a filler and the voice language', () => {
    const agent = parsePromptFile(
      file(
        [
          'name: Café',
          'page: agent-cafe.html   # a built page',
          'voice:',
          '  language: es-ES',
          'filler:',
          '  thresholdMs: 300',
          '  phrases: Un momento., Ya voy.',
        ].join('\n'),
      ),
      'cafe',
    );
    assert.equal(agent.ui.page, 'agent-cafe.html');
    assert.deepEqual(agent.voice, { description: { language: 'es-ES' } });
    assert.deepEqual(agent.filler, { thresholdMs: 300, phrases: ['Un momento.', 'Ya voy.'] });
    assert.throws(
      () => parsePromptFile(file('name: A\nfiller:\n  after: 3'), 'a'),
      /filler.after is not thresholdMs or phrases/,
    );
  });

  it('defaults the id to the folder, the language to en-US and input to vad', () => {
    const agent = parsePromptFile(file('name: Hello'), 'hello');
    assert.equal(agent.id, 'hello');
    assert.equal(agent.language, 'en-US');
    assert.equal(agent.inputMode, 'vad');
    assert.equal(agent.voice, undefined);
    assert.equal(agent.echoCancellation, undefined, 'the server decides per client');
  });

  it('reads the keypad rule a phone entry follows', () => {
    const agent = parsePromptFile(
      file(
        "name: A\nkeypad:\n  entryText: My order number is {digits}.\n  terminator: '#'\n  maxDigits: 8",
      ),
      'a',
    );
    assert.deepEqual(agent.keypad, {
      terminator: '#',
      maxDigits: 8,
      entryText: 'My order number is {digits}.',
    });
  });

  it('reads echoCancellation on or off for the agent', () => {
    assert.equal(
      parsePromptFile(file('name: A\nechoCancellation: on'), 'a').echoCancellation,
      true,
    );
    assert.equal(
      parsePromptFile(file('name: A\nechoCancellation: off'), 'a').echoCancellation,
      false,
    );
  });

  it('refuses a file with no name, an empty body, a bad id, input, number or voice key', () => {
    const cases: [string, string, RegExp][] = [
      [file('language: en-US'), 'a', /needs a name/],
      [file('name: A', '   '), 'a', /body .* is empty/],
      [file('name: A\nid: Not OK'), 'a', /id "Not OK"/],
      [file('name: A\ninput: always'), 'a', /input must be vad or push-to-talk/],
      [file('name: A\nechoCancellation: maybe'), 'a', /echoCancellation must be on or off/],
      [file('name: A\nkeypad:\n  terminator: enter'), 'a', /keypad.terminator must be one key/],
      [file('name: A\nkeypad:\n  pin: 1234'), 'a', /keypad.pin is not one of/],
      [file('name: A\nendOfTurn:\n  completeSilenceMs: soon'), 'a', /endOfTurn.completeSilenceMs/],
      [file('name: A\nvoice:\n  acme: bob'), 'a', /voice.acme is not a provider/],
      [file('name: A\nvoice:\n  gender: robot'), 'a', /voice.gender/],
    ];
    for (const [text, folder, message] of cases) {
      assert.throws(
        () => parsePromptFile(text, folder),
        (error: unknown) => {
          assert.ok(error instanceof ConfigError);
          assert.match(error.message, message);
          return true;
        },
      );
    }
  });
});
