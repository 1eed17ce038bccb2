import type { IncomingMessage, ServerResponse } from 'node:http';
import { Redis } from 'ioredis';
import { createFrontDoor } from './front-door.ts';
import { createPhoneDoor } from './phone-door.ts';
import { createSipDoor } from './sip-door.ts';

/**
 * The front door of `npm start` when PARLEY_REDIS_URL and PARLEY_CLUSTER_SECRET are set:
 * `POST /api/dispatch` sends each new browser call to the least-loaded worker, and, when
 * `agentIds` are given, `POST /twilio/voice` and `/telnyx/voice` send each phone call there too
 * (TWILIO_AUTH_TOKEN, TELNYX_PUBLIC_KEY, PARLEY_PUBLIC_URL, PARLEY_PHONE_AGENT as for one
 * process), and with PARLEY_FRONT_DOOR_SIP_PORT a UDP SIP redirector sends each INVITE to a
 * SIP-capable worker (docs/deploy.md). Undefined otherwise (one process, no Redis needed).
 */
export function frontDoorFromEnv(
  env: NodeJS.ProcessEnv,
  token?: string,
  agentIds: readonly string[] = [],
) {
  const redisUrl = env['PARLEY_REDIS_URL'];
  const secret = env['PARLEY_CLUSTER_SECRET'];
  if (!redisUrl || !secret) return undefined;
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: 1 });
  redis.on('error', (error) => console.error('parley front door: redis connection:', error));
  const frontDoor = createFrontDoor({ redis, secret, ...(token !== undefined && { token }) });
  const publicUrl = env['PARLEY_PUBLIC_URL'];
  const twilioToken = env['TWILIO_AUTH_TOKEN'];
  const telnyxKey = env['TELNYX_PUBLIC_KEY'];
  const defaultAgentId = env['PARLEY_PHONE_AGENT'];
  const phoneDoor =
    agentIds.length === 0
      ? undefined
      : createPhoneDoor({
          dispatchPhone: frontDoor.dispatchPhone,
          agentIds,
          ...(defaultAgentId && { defaultAgentId }),
          twilio: {
            ...(twilioToken && { authToken: twilioToken }),
            ...(publicUrl && { publicUrl }),
          },
          telnyx: { ...(telnyxKey && { publicKey: telnyxKey }), ...(publicUrl && { publicUrl }) },
        });
  const sipPort = env['PARLEY_FRONT_DOOR_SIP_PORT'];
  const sipDoor =
    sipPort === undefined || agentIds.length === 0
      ? undefined
      : createSipDoor({
          dispatchSip: frontDoor.dispatchSip,
          agentIds,
          ...(defaultAgentId && { defaultAgentId }),
          host: env['PARLEY_SIP_HOST'] ?? env['HOST'] ?? '127.0.0.1',
          port: Number(sipPort),
        });
  const sipListening = sipDoor?.listen().then(
    (port) => console.log(`parley front door: SIP redirects on udp ${port}`),
    (error: unknown) => console.error('parley front door: SIP redirector could not listen:', error),
  );
  return {
    /** The phone webhooks, then `POST /api/dispatch`; false for any other request. */
    handle: async (request: IncomingMessage, response: ServerResponse): Promise<boolean> =>
      (await phoneDoor?.handle(request, response)) === true || frontDoor.handle(request, response),
    close: async () => {
      await sipListening;
      await sipDoor?.close();
      await redis.quit();
    },
  };
}
