import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ConfigError } from '../spec/errors.ts';
import { createServer, type ParleyServer } from '../server/server.ts';
import { noModels, StubSession } from '../server/stub-session.fixture.ts';
import { loadAgentFromFiles } from './load-agent.ts';

const TOKEN = 'ui-folder-test-0123456789abcdef';
const PROMPT = '---\nname: Shop\n---\nYou sell shoes.\n';
const PAGE = '<!doctype html><title>Shoe shop</title><parley-call agent="shop"></parley-call>\n';
const THEME = ':root, :host { --parley-accent: #c2410c; }\n';

describe("an agent's ui/ folder", () => {
  let root = '';
  let server: ParleyServer | undefined;
  let url = '';
  const auth = { authorization: `Bearer ${TOKEN}` };

  async function agentFolder(name: string, files: Record<string, string>): Promise<string> {
    const folder = join(root, name);
    for (const [file, text] of Object.entries(files)) {
      await mkdir(join(folder, file, '..'), { recursive: true });
      await writeFile(join(folder, file), text);
    }
    return folder;
  }

  before(async () => {
    root = await mkdtemp(join(tmpdir(), 'parley-ui-'));
    const shop = await loadAgentFromFiles(
      await agentFolder('shop', {
        'prompt.md': PROMPT,
        'ui/index.html': PAGE,
        'ui/theme.css': THEME,
        'ui/logo.svg': '<svg xmlns="http://www.w3.org/2000/svg"/>',
      }),
    );
    const themed = await loadAgentFromFiles(
      await agentFolder('themed', { 'prompt.md': PROMPT, 'ui/theme.css': THEME }),
    );
    const plain = await loadAgentFromFiles(await agentFolder('plain', { 'prompt.md': PROMPT }));
    await writeFile(join(root, 'secret.txt'), 'not for the web');
    server = createServer({
      port: 0,
      agents: [shop, themed, plain],
      makeModels: () => noModels,
      createSession: (options) => new StubSession(options),
      token: TOKEN,
      staticDir: await agentFolder('static', {
        'index.html': '<!doctype html><title>Parley</title>',
      }),
      onProblem: () => undefined,
      onNotice: () => undefined,
    });
    url = await server.listen();
  });
  after(async () => {
    await server?.close();
    await rm(root, { recursive: true, force: true });
  });

  it('is listed as the agent’s page and theme, never as a folder on disk', async () => {
    const agents = (await (await fetch(`${url}/api/agents`, { headers: auth })).json()) as {
      id: string;
      page: string;
      theme?: string;
    }[];
    assert.deepEqual(
      agents.map(({ id, page, theme }) => ({ id, page, theme })),
      [
        { id: 'shop', page: '/agents/shop/', theme: '/agents/shop/theme.css' },
        { id: 'themed', page: 'agent.html', theme: '/agents/themed/theme.css' },
        { id: 'plain', page: 'agent.html', theme: undefined },
      ],
    );
    assert.doesNotMatch(JSON.stringify(agents), new RegExp(root));
  });

  it('is served by the server at /agents/<id>/: the page, its theme and its assets', async () => {
    const page = await fetch(`${url}/agents/shop/`, { headers: auth });
    assert.equal(page.status, 200);
    assert.match(page.headers.get('content-type') ?? '', /^text\/html/);
    assert.equal(await page.text(), PAGE);
    const theme = await fetch(`${url}/agents/themed/theme.css`, { headers: auth });
    assert.equal(theme.status, 200);
    assert.match(theme.headers.get('content-type') ?? '', /^text\/css/);
    assert.equal(await theme.text(), THEME);
    const logo = await fetch(`${url}/agents/shop/logo.svg`, { headers: auth });
    assert.equal(logo.headers.get('content-type'), 'image/svg+xml');
    const bare = await fetch(`${url}/agents/shop?x=1`, { headers: auth, redirect: 'manual' });
    assert.equal(bare.status, 308);
    assert.equal(bare.headers.get('location'), '/agents/shop/?x=1');
  });

  it('is behind the access token, and nothing outside ui/ or of an agent without one is served', async () => {
    assert.equal((await fetch(`${url}/agents/shop/`)).status, 401);
    for (const path of [
      '/agents/shop/%2e%2e/prompt.md',
      '/agents/shop/..%2f..%2fsecret.txt',
      '/agents/plain/',
      '/agents/plain/prompt.md',
      '/agents/nobody/',
      '/agents/themed/index.html',
    ]) {
      const response = await fetch(`${url}${path}`, { headers: auth });
      assert.equal(response.status, 404, path);
      await response.arrayBuffer();
    }
  });

  it('refuses a ui/ with neither a page nor a theme, with a ConfigError', async () => {
    const folder = await agentFolder('empty-ui', { 'prompt.md': PROMPT, 'ui/notes.txt': 'todo' });
    await assert.rejects(loadAgentFromFiles(folder), (error: unknown) => {
      assert.ok(error instanceof ConfigError);
      assert.match(error.message, /neither index.html .* nor theme.css/);
      return true;
    });
  });
});
