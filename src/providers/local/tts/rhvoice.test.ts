import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createRhvoiceTts, rhvoiceCommand } from './rhvoice.ts';
import { audioMs, chunks, collect, describeTtsEngine } from './tts-suite.ts';

describeTtsEngine('RHVoice clb', () => createRhvoiceTts(), 'RHVoice-test');

describe('createRhvoiceTts', () => {
  it('speaks with bdl and slt as well as clb', async () => {
    for (const voice of ['bdl', 'slt'] as const) {
      const parts = await collect(createRhvoiceTts({ voice }), { text: chunks(['Good morning.']) });
      assert.ok(audioMs(parts) > 300, voice);
    }
  });

  it('passes the speaking rate as a percentage of the normal rate', () => {
    const signal = new AbortController().signal;
    const options = { text: chunks([]), sampleRate: 16_000, signal, speakingRate: 0.9 };
    const command = rhvoiceCommand('hi', options, 'clb');
    assert.deepEqual(command.args, ['-p', 'clb', '-r', '90', '-o', '-']);
    assert.equal(command.stdin, 'hi');
  });

  it('refuses a voice it does not ship with a ConfigError', () => {
    assert.throws(() => createRhvoiceTts({ voice: 'nope' as 'clb' }), /not an RHVoice/);
  });
});
