import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { loadAgentFromFiles } from '../agent-files/load-agent.ts';
import type { AgentDefinition } from '../spec/agent.ts';
import { ANONYMOUS_CALLER } from '../spec/identity.ts';
import {
  createAgents,
  createCafeAgent,
  createClinicHindiAgent,
  createSupportAgent,
  createTechnicianAgent,
  shippedAgentDir,
} from './index.ts';

/** An agent with each tool reduced to what the model sees of it (functions are not comparable). */
const comparable = (agent: AgentDefinition) => ({
  ...agent,
  tools: agent.tools.map(({ name, description, parameters }) => ({
    name,
    description,
    parameters,
  })),
});

const context = (sessionId: string) => ({
  signal: new AbortController().signal,
  reportProgress: () => undefined,
  sessionId,
  caller: ANONYMOUS_CALLER,
});

describe('the shipped agents are agents written as files', () => {
  let dataDir = '';
  before(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'parley-shipped-'));
  });
  after(() => rm(dataDir, { recursive: true, force: true }));

  it('loadAgentFromFiles reads each folder into the agent its createXAgent builds', async () => {
    const built = {
      support: createSupportAgent({ dataDir }).agent,
      cafe: createCafeAgent(),
      technician: createTechnicianAgent({ dataDir }).agent,
      'clinic-hindi': createClinicHindiAgent(),
    };
    for (const [id, agent] of Object.entries(built)) {
      const loaded = await loadAgentFromFiles(shippedAgentDir(id as keyof typeof built), {
        dataDir,
      });
      assert.deepEqual(comparable(loaded), comparable(agent), id);
    }
  });

  it('their prompt.md carries what index.ts used to: voice per provider, greeting, input mode, filler', async () => {
    const [support, cafe, technician] = await createAgents({ dataDir });
    assert.deepEqual(
      [support, cafe, technician].map((agent) => [agent?.id, agent?.inputMode, agent?.ui.page]),
      [
        ['support', 'vad', 'agent-support.html'],
        ['cafe', 'vad', 'agent-cafe.html'],
        ['technician', 'push-to-talk', 'agent-technician.html'],
      ],
    );
    assert.equal(support?.greeting, 'Parley Telecom support. How can I help?');
    assert.deepEqual(support?.filler, { thresholdMs: 300, phrases: ['One moment.'] });
    assert.equal(support?.voice?.byProvider?.deepgram, 'aura-2-helena-en');
    assert.deepEqual(cafe?.voice?.description, {
      language: 'es-ES',
      gender: 'male',
      style: 'gruff deep',
    });
    assert.equal(cafe?.voice?.speakingRate, 0.9);
    assert.deepEqual(cafe?.interruption?.backchannels, ['sí', 'ya', 'vale', 'aja', 'mhm']);
    assert.equal(technician?.greeting, undefined);
    assert.match(technician?.systemPrompt ?? '', /^You are a field technician's copilot/);
    assert.ok(cafe?.dialogue?.intents.length, 'dialogue.ts is read');
    assert.ok(
      cafe?.vocabulary?.phrases?.includes('la cuenta [por favor]'),
      'vocabulary.ts is read',
    );
    assert.equal(support?.knowledgeDir, join(shippedAgentDir('support'), 'knowledge'));
  });

  it('the loaded technician’s tools read its knowledge/ and keep incidents in the deployment’s dataDir', async () => {
    const [, , technician] = await createAgents({ dataDir });
    const tool = (name: string) => technician?.tools.find((t) => t.name === name);
    const reading = (await tool('check_reading')?.execute(
      { component_id: 'PMP-200', quantity: 'discharge pressure', value: 7.2 },
      context('s1'),
    )) as { status: string; message: string };
    assert.equal(reading.status, 'ALERT');
    assert.match(reading.message, /above the 6\.5 bar maximum/);
    const logged = (await tool('log_incident_report')?.execute(
      { severity: 'high', description: 'Seal leaking on PMP-200.' },
      context('s1'),
    )) as { incident_id: string };
    assert.match(logged.incident_id, /\S/);
    assert.ok(existsSync(join(dataDir, 'technician.sqlite')));
  });
});
