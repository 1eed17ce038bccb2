import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decideAfter, describeDecision } from '../../providers/local/dialogue/decide-helpers.ts';
import { TECHNICIAN_DIALOGUE } from './dialogue.ts';

const next = (...lines: string[]) => describeDecision(decideAfter(TECHNICIAN_DIALOGUE, lines));
const reading = 'temperature on the motor is one hundred and thirty';

describe('the technician’s offline script', () => {
  it('reads a safety value back exactly as understood before checking it', () => {
    assert.equal(next(reading), 'say: MTR-450 temperature 130. Correct?');
  });

  it('checks the reading once the technician confirms it', () => {
    assert.equal(
      next(reading, 'MTR-450 temperature 130. Correct?', 'yes'),
      'call check_reading {"quantity":"temperature","value":130,"component_id":"MTR-450"}',
    );
  });

  it('reads a corrected value back again instead of acting on the misheard one', () => {
    const misheard = 'temperature on the motor is one hundred and ten';
    assert.equal(
      next(misheard, 'MTR-450 temperature 110. Correct?', 'no, one thirty'),
      'say: MTR-450 temperature 130. Correct?',
    );
  });

  it('asks for the reading again after a bare no, and acts on nothing', () => {
    assert.equal(
      next(reading, 'MTR-450 temperature 130. Correct?', 'no'),
      `say: ${TECHNICIAN_DIALOGUE.fallbackReply}`,
    );
  });

  it('hears "double four" and formatted figures in readings', () => {
    assert.equal(
      next('pressure on the pump is four point double four'),
      'say: PMP-200 pressure 4.44. Correct?',
    );
    assert.equal(next('current on the motor is 1,250 amps'), 'say: MTR-450 current 1250. Correct?');
  });

  it('sends a torque question to the manual', () => {
    assert.match(next('what is the torque for the gearbox'), /^call query_technical_manuals/);
  });

  it('reads a partly understood request back, and says again to one it did not understand', () => {
    for (const [lines, expected] of [
      [['write something down'], 'say: Log an incident?'],
      [
        ['write something down', 'Log an incident?', 'yes'],
        'say: Severity? Low, medium, high or critical.',
      ],
      [['pump instructions'], 'call query_technical_manuals {"component_id":"PMP-200"}'],
      [['the weather is nice today'], 'say: Say again.'],
      [['thigh'], 'say: Say again.'],
      [
        ['the weather is nice today', 'Say again.', 'thigh'],
        `say: ${TECHNICIAN_DIALOGUE.escalationReply}`,
      ],
    ] as const) {
      assert.equal(next(...lines), expected, lines.join(' / '));
    }
  });

  it('asks for a safety value again when two numbers ran together, never reading one back', () => {
    const askAgain = 'say: Say again. Value?';
    assert.equal(next('temperature on the motor is one hundred ten thirty'), askAgain);
    assert.equal(next('pressure on the pump is seven one two four'), askAgain);
    assert.equal(
      next('temperature on the motor is one hundred ten thirty', 'Say again. Value?', 'one thirty'),
      'say: MTR-450 temperature 130. Correct?',
    );
  });

  it('hears the quantity in its unit, and takes no component alone for a request', () => {
    for (const [text, expected] of [
      ['the motor is at one thirty degrees', 'say: MTR-450 temperature 130. Correct?'],
      ['motor forty two amps', 'say: MTR-450 current 42. Correct?'],
      ['pump at seven bar', 'say: PMP-200 pressure 7. Correct?'],
      ['the matter is one thirty degrees', 'say: Component?'],
      // Must not act or ask on: a component alone is a reading, a manual or an incident.
      ['the pump', 'say: Say again.'],
      ['my guild of pump', 'say: Say again.'],
    ] as const) {
      assert.equal(next(text), expected, text);
    }
  });
});
