import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ANONYMOUS_CALLER } from '../spec/identity.ts';
import { ConfigError } from '../spec/errors.ts';
import { loadAgentFromFiles, loadAgentsFromDir } from './load-agent.ts';

const PROMPT = '---\nname: Clock\n---\nYou tell the time.\n';
const TOOLS = `import { defineTool } from 'parley';
import { zone } from './zone.ts';
export default [
  defineTool<{ city: string }, string>({
    name: 'time_in',
    description: 'Time in a city.',
    parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
    async execute({ city }, context) {
      context.signal.throwIfAborted();
      return city + ' ' + zone + ' ' + context.caller.verifiedBy;
    },
  }),
];
`;

describe('loadAgentFromFiles', () => {
  let root = '';
  before(async () => {
    root = await mkdtemp(join(tmpdir(), 'parley-agent-files-'));
  });
  after(() => rm(root, { recursive: true, force: true }));

  async function agentFolder(name: string, files: Record<string, string>): Promise<string> {
    const folder = join(root, name);
    await mkdir(folder, { recursive: true });
    for (const [file, text] of Object.entries(files)) await writeFile(join(folder, file), text);
    return folder;
  }

  it('compiles tools.ts with its own imports and `parley`, and its execute gets caller and signal', async () => {
    const folder = await agentFolder('clock', {
      'prompt.md': PROMPT,
      'tools.ts': TOOLS,
      'zone.ts': "export const zone: string = 'UTC';\n",
      'dialogue.json': '{ "intents": [], "fallbackReply": "Ask me the time." }',
    });
    await mkdir(join(folder, 'knowledge'));
    const agent = await loadAgentFromFiles(folder);
    assert.equal(agent.id, 'clock');
    assert.equal(agent.knowledgeDir, join(folder, 'knowledge'));
    assert.equal(agent.dialogue?.fallbackReply, 'Ask me the time.');
    const [tool] = agent.tools;
    assert.equal(tool?.name, 'time_in');
    const context = {
      signal: new AbortController().signal,
      reportProgress: () => {},
      sessionId: 's1',
      caller: ANONYMOUS_CALLER,
    };
    assert.equal(await tool?.execute({ city: 'Oslo' }, context), 'Oslo UTC anonymous');
    const aborted = { ...context, signal: AbortSignal.abort() };
    await assert.rejects(async () => tool?.execute({ city: 'Oslo' }, aborted));
    assert.deepEqual(await readdir(join(folder, '.parley')), [], 'compiled output is removed');
  });

  it('reads the files again on each call, so an edited prompt reaches new sessions', async () => {
    const folder = await agentFolder('edited', { 'prompt.md': PROMPT });
    assert.equal((await loadAgentFromFiles(folder)).systemPrompt, 'You tell the time.');
    await writeFile(join(folder, 'prompt.md'), PROMPT.replace('tell the time', 'say hello'));
    assert.equal((await loadAgentFromFiles(folder)).systemPrompt, 'You say hello.');
    assert.deepEqual((await loadAgentFromFiles(folder)).tools, []);
  });

  it('refuses tools.ts that does not compile or exports no array, with a ConfigError', async () => {
    const broken = await agentFolder('broken', {
      'prompt.md': PROMPT,
      'tools.ts': 'export default [',
    });
    await assert.rejects(loadAgentFromFiles(broken), (error: unknown) => {
      assert.ok(error instanceof ConfigError);
      assert.match(error.message, /does not compile/);
      assert.ok(error.cause);
      return true;
    });
    const notArray = await agentFolder('object', {
      'prompt.md': PROMPT,
      'tools.ts': 'export default { name: "x" };',
    });
    await assert.rejects(loadAgentFromFiles(notArray), /export an array of tools/);
    const noExecute = await agentFolder('no-execute', {
      'prompt.md': PROMPT,
      'tools.ts': 'export default [{ name: "x", parameters: {} }];',
    });
    await assert.rejects(loadAgentFromFiles(noExecute), /needs a name, parameters and execute/);
    assert.ok(!existsSync(join(broken, '.parley', 'tools.mjs')));
  });

  it('gives a defineTools factory the agent folder and the data folder, and reads dialogue.ts and vocabulary.ts', async () => {
    const folder = await agentFolder('factory', {
      'prompt.md': PROMPT.replace('---\nY', 'phrases: thank you\n---\nY'),
      'tools.ts': `import { defineTool, defineTools } from 'parley';
export default defineTools(({ agentDir, dataDir }) => [
  defineTool<Record<string, never>, string>({
    name: 'where',
    description: 'Where the agent keeps things.',
    parameters: { type: 'object', properties: {} },
    execute: async () => agentDir + ' ' + dataDir,
  }),
]);
`,
      'dialogue.ts': `import type { DialogueScript } from 'parley';
export const HELPER = ['not', 'a', 'script'];
export const CLOCK_DIALOGUE: DialogueScript = { intents: [], fallbackReply: 'From TypeScript.' };
`,
      'vocabulary.ts': `export default { phrases: ['what time is it'], pronunciations: { utc: 'Y UW T IY S IY' } };
`,
    });
    const agent = await loadAgentFromFiles(folder, { dataDir: join(root, 'data') });
    const context = {
      signal: new AbortController().signal,
      reportProgress: () => {},
      sessionId: 's1',
      caller: ANONYMOUS_CALLER,
    };
    assert.equal(await agent.tools[0]?.execute({}, context), `${folder} ${join(root, 'data')}`);
    assert.equal(agent.dialogue?.fallbackReply, 'From TypeScript.');
    assert.deepEqual(agent.vocabulary, {
      phrases: ['what time is it', 'thank you'],
      pronunciations: { utc: 'Y UW T IY S IY' },
    });
  });

  it('refuses two dialogue scripts, or a dialogue.ts with no script in it', async () => {
    const both = await agentFolder('both', {
      'prompt.md': PROMPT,
      'dialogue.json': '{ "intents": [] }',
      'dialogue.ts': 'export default { intents: [] };',
    });
    await assert.rejects(loadAgentFromFiles(both), /dialogue.json and dialogue.ts both exist/);
    const none = await agentFolder('no-script', {
      'prompt.md': PROMPT,
      'dialogue.ts': 'export const a = { intents: [] };\nexport const b = { intents: [] };',
    });
    await assert.rejects(loadAgentFromFiles(none), /found 2 exports shaped like one/);
  });

  it('refuses a folder without prompt.md', async () => {
    const empty = await agentFolder('empty', {});
    await assert.rejects(loadAgentFromFiles(empty), /has no prompt.md/);
  });

  it('loads every sub-folder with a prompt.md, or the folder itself when it has one', async () => {
    const many = join(root, 'many');
    await mkdir(many);
    for (const name of ['a', 'b']) {
      await mkdir(join(many, name));
      await writeFile(join(many, name, 'prompt.md'), PROMPT);
    }
    await mkdir(join(many, 'not-an-agent'));
    const agents = await loadAgentsFromDir(many);
    assert.deepEqual(agents.map((agent) => agent.id).sort(), ['a', 'b']);
    assert.deepEqual(
      (await loadAgentsFromDir(join(many, 'a'))).map((a) => a.id),
      ['a'],
    );
    await assert.rejects(loadAgentsFromDir(join(many, 'not-an-agent')), /no agent/);
  });
});
