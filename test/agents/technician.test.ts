import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTechnicianAgent, type IncidentStore } from '../../src/agents/index.ts';
import { agentSession, synthesizeSpeech, tempDir } from './harness.ts';

describe('technician copilot: a scripted conversation through the full offline session', () => {
  let dir: Awaited<ReturnType<typeof tempDir>>;
  let incidents: IncidentStore;
  let talk: ReturnType<typeof agentSession>;

  before(async () => {
    dir = await tempDir();
    const technician = createTechnicianAgent({ dataDir: dir.path });
    incidents = technician.incidents;
    talk = agentSession(technician.agent);
  });
  after(async () => {
    await talk.close();
    await incidents.close();
    await dir.remove();
  });

  it('reads a reported pressure back and, once confirmed, alerts that it is above the maximum', async () => {
    const readBack = await talk.type('Pressure on PMP-200 is 7.2 bar.');
    assert.deepEqual(readBack.toolCalls, []);
    assert.equal(readBack.reply, 'PMP-200 pressure 7.2. Correct?');
    const turn = await talk.type('Yes.');
    assert.deepEqual(turn.toolCalls, [
      {
        name: 'check_reading',
        arguments: { component_id: 'PMP-200', quantity: 'pressure', value: 7.2 },
      },
    ]);
    assert.match(
      turn.reply,
      /^ALERT: 7\.2 bar is above the 6\.5 bar maximum for PMP-200 discharge pressure\./,
    );
  });

  it('takes a corrected value after the read-back, then confirms it is inside the range', async () => {
    const misheard = await talk.type('Vibration on the gearbox is 13.');
    assert.equal(misheard.reply, 'GBX-90 vibration 13. Correct?');
    assert.equal((await talk.type('No, 3.')).reply, 'GBX-90 vibration 3. Correct?');
    const turn = await talk.type('Correct.');
    assert.match(turn.reply, /^OK: 3 mm\/s is inside 0 to 4\.5 mm\/s for GBX-90 vibration\.$/);
  });

  it('answers a manual query with the structured ranges before the procedure', async () => {
    const turn = await talk.type('Manual for PMP-200.');
    assert.equal(turn.toolCalls[0]?.name, 'query_technical_manuals');
    const rangesAt = turn.reply.indexOf('Ranges: discharge pressure 2 to 6.5 bar');
    const procedureAt = turn.reply.indexOf('Troubleshooting:');
    assert.ok(rangesAt >= 0 && procedureAt > rangesAt, turn.reply);
  });

  it('logs an incident after asking for severity and description, and persists it', async () => {
    assert.match((await talk.type('Log an incident.')).reply, /^Severity\?/);
    assert.match((await talk.type('High.')).reply, /^Description\?/);
    const turn = await talk.type('Seal leaking on the pump, steady stream.');
    const rows = await incidents.list();
    assert.equal(rows.length, 1);
    assert.equal(rows[0]?.severity, 'high');
    assert.match(rows[0]?.description ?? '', /seal leaking on the pump/i);
    assert.equal(turn.reply, `Logged: ${rows[0]?.incident_id}, high.`);
  });

  it('hears a spoken reading while the talk button is held, reads it back and alerts', async () => {
    const speech = await synthesizeSpeech(
      'the pressure on p m p two hundred is seven point two bar',
      {
        kind: 'flite',
      },
    );
    const readBack = await talk.speak(speech, { pushToTalk: true });
    assert.equal(readBack.reply, 'PMP-200 pressure 7.2. Correct?', JSON.stringify(readBack));
    const turn = await talk.type('Yes.');
    assert.deepEqual(turn.toolCalls[0]?.name, 'check_reading', JSON.stringify(turn));
    assert.match(turn.reply, /^ALERT: 7\.2 bar is above the 6\.5 bar maximum for PMP-200/);
  });
});
