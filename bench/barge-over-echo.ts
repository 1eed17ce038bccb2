/**
 * A real person barging in over the agent's echo, through the WebSocket server (canceller on):
 * per agent voice (espeak-ng, flite kal16) and person, `runs` barge-ins in fresh sessions, each
 * the session's first reply (the long one), the person starting `afterPlayedMs` into it. Prints
 * per run, at the client: onset -> agent paused and onset -> interrupt (from the person's first
 * sound, on the client's clock; the microphone follows the agent audio it receives), the
 * server's own onset -> silent (`interruptMs`), and the words kept.
 *
 * `node --import tsx bench/barge-over-echo.ts [runs] [afterPlayedMs]` prints JSON lines, then
 * the medians.
 */
import { LONG_QUESTION } from '../test/echo/echo-agent.ts';
import { MIC_RATE, speech, voiceSpeech } from '../test/echo/echo-audio.ts';
import { openRoomClient, type AgentVoice } from '../test/echo/session-conditions.ts';
import { soundStartMs } from '../test/echo/sound-start.ts';
import { spawnEchoServer } from '../test/echo/spawn-echo-server.ts';
import type { PacedRoomClient } from '../test/echo/paced-client.ts';

const SAID = 'stop, what time do you close';
/** The people: flite kal16 (the echo stage was first checked with it), RHVoice bdl held out. */
const PEOPLE = [
  { name: 'flite kal16', say: () => speech(SAID, 'flite', MIC_RATE) },
  { name: 'RHVoice bdl (held out)', say: () => voiceSpeech(SAID, 'rhvoice-bdl', MIC_RATE) },
] as const;

export interface BargeOverEcho {
  readonly agent: AgentVoice;
  readonly person: string;
  /** From the person's first sound, at the client; undefined when it never came (30 s). */
  readonly pausedMs: number | undefined;
  readonly interruptMs: number | undefined;
  /** The server's onset -> agent silent. */
  readonly serverInterruptMs: number | undefined;
  readonly heardText: string;
  /** The session's messages from the onset on, when no interrupt came. */
  readonly log?: string;
}

async function once(
  client: PacedRoomClient,
  user: Int16Array,
  afterPlayedMs: number,
): Promise<Omit<BargeOverEcho, 'agent' | 'person'>> {
  client.sendText(LONG_QUESTION);
  await client.waitFor((m) => m.type === 'agent.audio.start' && m.turnId > 0, 30_000);
  while (client.playedMs < afterPlayedMs) await sleep(5);
  const from = client.messages.length;
  const onsetMs = client.nowMs() + soundStartMs(user, MIC_RATE);
  client.talk(user);
  await client.waitFor((m) => m.type === 'interrupt', 30_000, from).catch(() => undefined);
  await client
    .waitFor((m) => m.type === 'metrics.turn' && m.metrics.interrupted, 5_000, from)
    .catch(() => undefined);
  const after = client.messages.slice(from);
  const at = (type: string) => after.find((m) => m.message.type === type)?.atMs;
  const interrupt = after.find((m) => m.message.type === 'interrupt')?.message;
  const metrics = after.find((m) => m.message.type === 'metrics.turn')?.message;
  const since = (ms: number | undefined) =>
    ms === undefined ? undefined : Math.round(ms - onsetMs);
  return {
    pausedMs: since(at('agent.paused') ?? at('interrupt')),
    interruptMs: since(at('interrupt')),
    serverInterruptMs: metrics?.type === 'metrics.turn' ? metrics.metrics.interruptMs : undefined,
    heardText: interrupt?.type === 'interrupt' ? interrupt.heardText : '',
    ...(interrupt === undefined && { log: client.describe(0) }),
  };
}

export async function runBargeOverEcho(
  runs: number,
  afterPlayedMs: number,
  agents: readonly AgentVoice[] = ['espeak', 'flite'],
) {
  const results: BargeOverEcho[] = [];
  for (const agent of agents) {
    const server = await spawnEchoServer(true, agent);
    try {
      for (const person of PEOPLE) {
        const user = await person.say();
        for (let run = 0; run < runs; run++) {
          const client = await openRoomClient(server.url, {
            voice: agent,
            gainDb: -9,
            delayMs: 150,
          });
          try {
            const result = {
              agent,
              person: person.name,
              ...(await once(client, user, afterPlayedMs)),
            };
            console.log(JSON.stringify(result));
            results.push(result);
          } finally {
            await client.close();
          }
        }
      }
    } finally {
      await server.stop();
    }
  }
  return results;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function median(values: readonly (number | undefined)[]): string {
  const known = values.filter((v): v is number => v !== undefined).sort((a, b) => a - b);
  const missed = values.length - known.length;
  const mid = known.length === 0 ? Number.NaN : known[Math.floor(known.length / 2)]!;
  return `${mid} ms (${known.length} of ${values.length}${missed > 0 ? `, ${missed} never` : ''})`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [runs = '3', afterPlayedMs = '1500', only] = process.argv.slice(2);
  const agents: readonly AgentVoice[] =
    only === 'espeak' || only === 'flite' ? [only] : ['espeak', 'flite'];
  const results = await runBargeOverEcho(Number(runs), Number(afterPlayedMs), agents);
  for (const agent of agents) {
    const mine = results.filter((r) => r.agent === agent);
    console.log(
      `${agent}: onset -> paused ${median(mine.map((r) => r.pausedMs))}, onset -> interrupt ${median(mine.map((r) => r.interruptMs))}, server onset -> silent ${median(mine.map((r) => r.serverInterruptMs))}`,
    );
  }
}
