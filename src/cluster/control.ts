import type { Redis } from 'ioredis';
import { keys, workerOfSession } from './registry.ts';

/** What an operator can tell the worker that holds a call, or every worker. */
export type ControlMessage =
  /** End the call; the client gets `reason` in a fatal error. */
  | { readonly type: 'end'; readonly sessionId: string; readonly reason: string }
  /** Hand the call to `target` (a phone number or SIP URI for telephony transports). */
  | { readonly type: 'transfer'; readonly sessionId: string; readonly target: string }
  /** A config change for every worker (applied without restart). */
  | { readonly type: 'config'; readonly config: WorkerConfigChange };

export interface WorkerConfigChange {
  readonly maxSessions?: number;
}

/** Parses a message from the wire; undefined (never a throw) for anything malformed. */
export function parseControlMessage(text: string): ControlMessage | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    if (error instanceof SyntaxError) return undefined;
    throw error;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const v = value as Record<string, unknown>;
  const str = (key: string) => {
    const field = v[key];
    return typeof field === 'string' && field.length > 0;
  };
  switch (v['type']) {
    case 'end':
      return str('sessionId') && str('reason') ? (v as ControlMessage) : undefined;
    case 'transfer':
      return str('sessionId') && str('target') ? (v as ControlMessage) : undefined;
    case 'config': {
      const config = v['config'] as Record<string, unknown> | undefined;
      if (typeof config !== 'object' || config === null) return undefined;
      const max = config['maxSessions'];
      if (max !== undefined && !(Number.isInteger(max) && (max as number) >= 0)) return undefined;
      return { type: 'config', config: max === undefined ? {} : { maxSessions: max as number } };
    }
    default:
      return undefined;
  }
}

/**
 * Sends a call's control message to the worker that holds the call. Resolves to false when
 * no live worker holds it (unknown session, or its worker is gone).
 */
export async function sendControl(
  redis: Redis,
  message: Extract<ControlMessage, { sessionId: string }>,
): Promise<boolean> {
  const workerId = await workerOfSession(redis, message.sessionId);
  if (workerId === undefined) return false;
  return (await redis.publish(keys.control(workerId), JSON.stringify(message))) > 0;
}

/** Sends a config change to every worker; resolves to how many received it. */
export async function broadcastConfig(redis: Redis, config: WorkerConfigChange): Promise<number> {
  return redis.publish(keys.broadcast, JSON.stringify({ type: 'config', config }));
}
