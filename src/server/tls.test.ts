import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { get } from 'node:https';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { chromium } from 'playwright-core';
import { WebSocket } from 'ws';
import { createServer, type ParleyServer } from './server.ts';
import { demoAgent, noModels, StubSession } from './stub-session.fixture.ts';

const run = promisify(execFile);

/** A page that opens the WebSocket on its own origin and checks /health, then shows what it got. */
const PAGE =
  '<!doctype html><title>tls</title><p id="out">waiting</p><script src="/check.js"></script>';
const CHECK = `
const out = document.getElementById('out');
const socket = new WebSocket('wss://' + location.host + '/ws');
socket.onopen = () => socket.send(JSON.stringify({ type: 'session.start', agent: 'demo', sampleRate: 16000 }));
socket.onmessage = async (event) => {
  const message = JSON.parse(event.data);
  const health = await (await fetch('/health')).json();
  out.textContent = location.protocol + ' ' + message.type + ' health=' + health.ok;
};
socket.onerror = () => { out.textContent = 'socket error'; };
`;

/** A self-signed certificate for localhost / 127.0.0.1, made now with Debian's openssl. */
async function selfSignedCertificate(dir: string): Promise<{ cert: Buffer; key: Buffer }> {
  const certPath = join(dir, 'cert.pem');
  const keyPath = join(dir, 'key.pem');
  await run('openssl', [
    'req',
    '-x509',
    '-newkey',
    'ec',
    '-pkeyopt',
    'ec_paramgen_curve:prime256v1',
    '-nodes',
    '-keyout',
    keyPath,
    '-out',
    certPath,
    '-days',
    '1',
    '-subj',
    '/CN=localhost',
    '-addext',
    'subjectAltName=DNS:localhost,IP:127.0.0.1',
  ]);
  return { cert: await readFile(certPath), key: await readFile(keyPath) };
}

describe('HTTPS and WSS with a certificate made at test time', () => {
  let dir: string;
  let server: ParleyServer;
  let baseUrl: string;
  let cert: Buffer;

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'parley-tls-'));
    const pair = await selfSignedCertificate(dir);
    cert = pair.cert;
    await writeFile(join(dir, 'index.html'), PAGE);
    await writeFile(join(dir, 'check.js'), CHECK);
    server = createServer({
      port: 0,
      agents: [demoAgent],
      makeModels: () => noModels,
      createSession: (options) => new StubSession(options),
      tls: pair,
      staticDir: dir,
      onProblem: () => undefined,
      onNotice: () => undefined,
    });
    baseUrl = await server.listen();
  });
  after(async () => {
    await server.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('serves health over HTTPS, trusted through the certificate, with HSTS', async () => {
    const { status, hsts, body } = await new Promise<{
      status: number;
      hsts: string;
      body: string;
    }>((resolve, reject) => {
      get(`${baseUrl}/health`, { ca: cert }, (response) => {
        let text = '';
        response.on('data', (chunk: Buffer) => (text += chunk.toString()));
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            hsts: String(response.headers['strict-transport-security']),
            body: text,
          }),
        );
      }).on('error', reject);
    });
    assert.match(baseUrl, /^https:\/\//);
    assert.equal(status, 200);
    assert.match(hsts, /max-age=/);
    assert.deepEqual(JSON.parse(body), { ok: true });
  });

  it('opens a session over WSS', async () => {
    const socket = new WebSocket(`${baseUrl.replace(/^https/, 'wss')}/ws`, { ca: cert });
    const first = await new Promise<string>((resolve, reject) => {
      socket.once('open', () =>
        socket.send(JSON.stringify({ type: 'session.start', agent: 'demo', sampleRate: 16_000 })),
      );
      socket.once('message', (data: Buffer) =>
        resolve((JSON.parse(data.toString()) as { type: string }).type),
      );
      socket.once('error', reject);
    });
    assert.equal(first, 'session.ready');
    socket.close();
  });

  it('works in Chromium: the page, its WebSocket and /health over a secure origin', async () => {
    const browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--ignore-certificate-errors'],
    });
    try {
      const page = await browser.newPage();
      await page.goto(`${baseUrl}/`);
      await page.waitForFunction(() => document.getElementById('out')?.textContent !== 'waiting');
      assert.equal(await page.textContent('#out'), 'https: session.ready health=true');
      assert.equal(await page.evaluate(() => window.isSecureContext), true);
    } finally {
      await browser.close();
    }
  });
});
