import { TimedClient } from '../fakes/ws-client.ts';
import { sleepMs } from '../fakes/sleep.ts';

/** 200 ms of quiet microphone in 20 ms frames, as a browser would send between words. */
const SILENCE = new Int16Array(320);
const FRAME_SAMPLES = 320;

/**
 * One caller: opens a session with the support agent, speaks `speech` (16 kHz, sent in 20 ms
 * frames at real-time pace) when given, types a question, waits for the answer to end, sends
 * a little audio, and leaves. Resolves false when it was refused or did not finish within
 * `timeoutMs`.
 */
export async function visit(
  wsUrl: string,
  timeoutMs: number,
  speech?: Int16Array,
): Promise<boolean> {
  const client = await TimedClient.open(wsUrl);
  try {
    client.sendJson({ type: 'session.start', agent: 'support', sampleRate: 16_000 });
    if (!(await until(() => client.first('session.ready') !== undefined, timeoutMs))) return false;
    if (speech) await speak(client, speech);
    client.sendJson({ type: 'text.input', text: 'Where is my order?' });
    for (let i = 0; i < 10; i++) client.sendAudio(SILENCE);
    return await until(() => client.first('turn.end') !== undefined, timeoutMs);
  } finally {
    await client.close();
  }
}

async function speak(client: TimedClient, speech: Int16Array): Promise<void> {
  const startedAt = performance.now();
  for (let at = 0, n = 0; at < speech.length; at += FRAME_SAMPLES, n++) {
    client.sendAudio(speech.subarray(at, at + FRAME_SAMPLES));
    await sleepMs(startedAt + (n + 1) * 20 - performance.now());
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
