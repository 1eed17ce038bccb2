import assert from 'node:assert/strict';
import { join } from 'node:path';
import { it } from 'node:test';
import { DEMO_AGENT } from '../server/demo-agent.ts';
import { loadAgentFromFiles } from './load-agent.ts';

it('examples/hello, loaded from its files, is the built-in demo agent', async () => {
  const folder = join(import.meta.dirname, '../../examples/hello');
  const agent = await loadAgentFromFiles(folder);
  assert.deepEqual({ ...agent, id: 'demo' }, { ...DEMO_AGENT, inputMode: 'vad' });
});
