import assert from 'node:assert/strict';
import { generateKeyPairSync, randomBytes, sign } from 'node:crypto';
import { after, before, beforeEach, describe, it } from 'node:test';
import { Redis } from 'ioredis';
import { createFrontDoor } from '../../src/cluster/front-door.ts';
import type { WorkerLoad } from '../../src/cluster/load.ts';
import { createPhoneDoor } from '../../src/cluster/phone-door.ts';
import { writeHeartbeat } from '../../src/cluster/registry.ts';
import { verifyDispatchToken } from '../../src/cluster/token.ts';
import { type LocalServer, startRedis } from '../../src/testing/local-servers.ts';
import { twilioSignature } from '../../src/transport/twilio/signature.ts';
import { serveDoor, type ServedDoor } from './serve-door.ts';

const secret = randomBytes(32).toString('hex');
const TWILIO_AUTH_TOKEN = 'twilio-auth-token-of-this-test';
const telnyxKeys = generateKeyPairSync('ed25519');
/** The raw 32-byte key, base64, as Telnyx shows it in the portal. */
const TELNYX_PUBLIC_KEY = telnyxKeys.publicKey
  .export({ format: 'der', type: 'spki' })
  .subarray(-32)
  .toString('base64');

const load = (workerId: string, url: string, extra: Partial<WorkerLoad> = {}): WorkerLoad => ({
  workerId,
  url,
  sessions: 0,
  maxSessions: 10,
  cpu: 0.1,
  lagMs: 1,
  draining: false,
  beatAtMs: Date.now(),
  ...extra,
});

/** The attributes of the first `<tag …>` in a TwiML/TeXML document, XML entities decoded. */
function attributes(document: string, tag: string, nth = 0): Record<string, string> {
  const element = [...document.matchAll(new RegExp(`<${tag}\\b([^>]*)>`, 'g'))][nth]?.[1] ?? '';
  const decode = (value: string) =>
    value
      .replaceAll('&quot;', '"')
      .replaceAll('&lt;', '<')
      .replaceAll('&gt;', '>')
      .replaceAll('&amp;', '&');
  return Object.fromEntries(
    [...element.matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1] ?? '', decode(m[2] ?? '')]),
  );
}

describe('the front door answers phone webhooks with a stream to a worker (real Redis)', () => {
  let redisServer: LocalServer;
  let redis: Redis;
  let http: ServedDoor;
  let base: string;
  const problems: string[] = [];
  before(async () => {
    redisServer = await startRedis();
    redis = new Redis(redisServer.url);
    const frontDoor = createFrontDoor({ redis, secret });
    const phoneDoor = createPhoneDoor({
      dispatchPhone: frontDoor.dispatchPhone,
      agentIds: ['support', 'cafe'],
      twilio: { authToken: TWILIO_AUTH_TOKEN },
      telnyx: { publicKey: TELNYX_PUBLIC_KEY },
      onProblem: (message) => problems.push(message),
    });
    http = await serveDoor((request, response) => phoneDoor.handle(request, response));
    base = http.url;
  });
  beforeEach(async () => {
    await redis.flushall();
  });
  after(async () => {
    await http.close();
    redis.disconnect();
    await redisServer.stop();
  });

  /** Posts a Twilio voice webhook, signed the way Twilio signs it unless `signature` is given. */
  function twilioWebhook(
    fields: Record<string, string>,
    path = '/twilio/voice',
    signature?: string,
  ) {
    const form = Object.entries(fields);
    const url = `https://${new URL(base).host}${path}`;
    return fetch(`${base}${path}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'x-twilio-signature': signature ?? twilioSignature(TWILIO_AUTH_TOKEN, url, form),
      },
      body: new URLSearchParams(form).toString(),
    });
  }

  function telnyxWebhook(body: string, contentType: string) {
    const timestamp = String(Math.floor(Date.now() / 1000));
    const signature = sign(null, Buffer.from(`${timestamp}|${body}`), telnyxKeys.privateKey);
    return fetch(`${base}/telnyx/voice?agent=cafe`, {
      method: 'POST',
      headers: {
        'content-type': contentType,
        'telnyx-timestamp': timestamp,
        'telnyx-signature-ed25519': signature.toString('base64'),
      },
      body,
    });
  }

  const call = { CallSid: `CA${'1'.repeat(32)}`, From: '+34600111222', To: '+34900000000' };

  it("points Twilio's <Stream> at the least-loaded worker's media path, the ticket in a <Parameter>", async () => {
    await writeHeartbeat(redis, load('w-busy', 'wss://w1.example.com/ws', { sessions: 6 }));
    await writeHeartbeat(redis, load('w-idle', 'wss://edge.example.com/w2/ws'));
    const response = await twilioWebhook(call, '/twilio/voice?agent=support');
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type') ?? '', /^text\/xml/);
    const twiml = await response.text();
    assert.match(twiml, /<Response><Connect><Stream [^>]*>.*<\/Stream><\/Connect><\/Response>$/);
    const stream = attributes(twiml, 'Stream');
    // Twilio drops query strings from a Stream url: nothing may ride there.
    assert.equal(stream['url'], 'wss://edge.example.com/w2/twilio/media');
    assert.deepEqual(attributes(twiml, 'Parameter', 0), { name: 'agent', value: 'support' });
    const ticket = attributes(twiml, 'Parameter', 1);
    assert.equal(ticket['name'], 'dispatch');
    const claims = verifyDispatchToken(secret, ticket['value'] ?? '', 'w-idle', Date.now());
    assert.deepEqual(claims.call, {
      agentId: 'support',
      callId: call.CallSid,
      phoneNumber: call.From,
    });
    assert.equal(await redis.get('parley:pending:w-idle'), '1');
  });

  it('refuses an unsigned or forged Twilio webhook with 403 and dispatches nothing', async () => {
    await writeHeartbeat(redis, load('w1', 'ws://127.0.0.1:1/ws'));
    assert.equal((await twilioWebhook(call, '/twilio/voice', '')).status, 403);
    assert.equal((await twilioWebhook(call, '/twilio/voice', 'Zm9yZ2Vk')).status, 403);
    assert.equal(await redis.get('parley:pending:w1'), null);
  });

  it('says the lines are busy, and hangs up, when no worker can take the call', async () => {
    const response = await twilioWebhook(call);
    assert.equal(response.status, 200);
    const twiml = await response.text();
    assert.match(twiml, /<Say>Sorry, all our lines are busy\. .*<\/Say><Hangup\/>/);
    assert.ok(problems.some((p) => /no worker/.test(p)));
  });

  it('says the number is not connected for an agent no worker serves', async () => {
    await writeHeartbeat(redis, load('w1', 'ws://127.0.0.1:1/ws'));
    const twiml = await (await twilioWebhook(call, '/twilio/voice?agent=nobody')).text();
    assert.match(twiml, /not connected to an agent.*<Hangup\/>/);
    assert.equal(await redis.get('parley:pending:w1'), null);
  });

  it('answers a signed Telnyx webhook, form or JSON, with an RTP stream whose URL carries the ticket', async () => {
    await writeHeartbeat(redis, load('w1', 'ws://10.0.0.5:7001/ws'));
    const bodies = [
      ['CallSid=v3%3Aabc&From=%2B34600999888', 'application/x-www-form-urlencoded'],
      [JSON.stringify({ CallSid: 'v3:abc', From: '+34600999888' }), 'application/json'],
    ] as const;
    for (const [body, type] of bodies) {
      const texml = await (await telnyxWebhook(body, type)).text();
      const stream = attributes(texml, 'Stream');
      assert.equal(stream['bidirectionalMode'], 'rtp');
      assert.equal(stream['codec'], 'PCMU');
      const url = new URL(stream['url'] ?? '');
      assert.equal(`${url.origin}${url.pathname}`, 'ws://10.0.0.5:7001/telnyx/media');
      const claims = verifyDispatchToken(
        secret,
        url.searchParams.get('dispatch') ?? '',
        'w1',
        Date.now(),
      );
      assert.deepEqual(claims.call, { agentId: 'cafe', phoneNumber: '+34600999888' });
    }
  });

  it('refuses a Telnyx webhook whose signature does not match its body', async () => {
    await writeHeartbeat(redis, load('w1', 'ws://127.0.0.1:1/ws'));
    const response = await fetch(`${base}/telnyx/voice`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'telnyx-timestamp': String(Math.floor(Date.now() / 1000)),
        'telnyx-signature-ed25519': Buffer.alloc(64).toString('base64'),
      },
      body: 'From=%2B1555',
    });
    assert.equal(response.status, 403);
  });
});
