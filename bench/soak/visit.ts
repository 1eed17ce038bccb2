import { TimedClient } from '../fakes/ws-client.ts';
import { sleepMs } from '../fakes/sleep.ts';

/** 200 ms of quiet microphone in 20 ms frames, as a browser would send between words. */
const SILENCE = new Int16Array(320);

/**
 * One caller: opens a session with the support agent, types a question, waits for the
 * answer to end, sends a little audio, and leaves. Resolves false when it was refused
 * or did not finish within `timeoutMs`.
 */
export async function visit(wsUrl: string, timeoutMs: number): Promise<boolean> {
  const client = await TimedClient.open(wsUrl);
  try {
    client.sendJson({ type: 'session.start', agent: 'support', sampleRate: 16_000 });
    if (!(await until(() => client.first('session.ready') !== undefined, timeoutMs))) return false;
    client.sendJson({ type: 'text.input', text: 'Where is my order?' });
    for (let i = 0; i < 10; i++) client.sendAudio(SILENCE);
    return await until(() => client.first('turn.end') !== undefined, timeoutMs);
  } finally {
    await client.close();
  }
}

async function until(done: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = performance.now() + timeoutMs;
  while (!done()) {
    if (performance.now() > deadline) return false;
    await sleepMs(20);
  }
  return true;
}
