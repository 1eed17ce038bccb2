import { Redis } from 'ioredis';
import { createFrontDoor } from './front-door.ts';

/**
 * The front door of `npm start` when PARLEY_REDIS_URL and PARLEY_CLUSTER_SECRET are set:
 * `POST /api/dispatch` sends each new call to the least-loaded worker. Undefined otherwise
 * (one process, no Redis needed).
 */
export function frontDoorFromEnv(env: NodeJS.ProcessEnv, token?: string) {
  const redisUrl = env['PARLEY_REDIS_URL'];
  const secret = env['PARLEY_CLUSTER_SECRET'];
  if (!redisUrl || !secret) return undefined;
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: 1 });
  redis.on('error', (error) => console.error('parley front door: redis connection:', error));
  const frontDoor = createFrontDoor({ redis, secret, ...(token !== undefined && { token }) });
  return {
    handle: frontDoor.handle,
    close: async () => {
      await redis.quit();
    },
  };
}
