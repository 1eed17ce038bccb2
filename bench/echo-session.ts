/**
 * The echo bench's WebSocket runs: the offline stack in its own server process per agent voice
 * (espeak-ng, flite kal16), a speakerphone client per condition (test/echo/session-conditions.ts:
 * -3/-9/-20 dB, 20-300 ms, reverb, noise) whose microphone follows the agent audio it receives
 * (test/echo/paced-client.ts), one session at a time (concurrent sessions overloaded this shared
 * 2-core machine: the recogniser fell seconds behind and every condition failed). Counts replies
 * with any sign of self-interruption, with or without the canceller, then times a real barge-in
 * over the echo.
 *
 * Standalone: `node --import tsx bench/echo-session.ts [replies] [bufferMs] [on|off]` prints the
 * per-condition counts as JSON.
 */
import { MIC_RATE, speech } from '../test/echo/echo-audio.ts';
import {
  askOnce,
  bargeIn,
  CONDITIONS,
  describeCondition,
  openRoomClient,
  type AgentVoice,
  type EchoCondition,
} from '../test/echo/session-conditions.ts';
import { spawnEchoServer } from '../test/echo/spawn-echo-server.ts';

export interface ConditionRun {
  readonly condition: string;
  readonly replies: number;
  /** Replies during which the agent paused, was interrupted or took its echo for a turn. */
  readonly selfInterruptedReplies: number;
  /** The run stopped early (a timeout or a closed socket), with why. */
  readonly error?: string;
}

export interface SessionEchoRun {
  readonly canceller: boolean;
  readonly bufferMs: number;
  readonly conditions: readonly ConditionRun[];
  /** Onset → agent silent for a real barge-in over the echo, per agent voice (canceller on). */
  readonly bargeIns: readonly {
    readonly voice: AgentVoice;
    readonly interruptMs: number | undefined;
    readonly heardText: string;
  }[];
}

export async function runSessionEcho(
  canceller: boolean,
  replies: number,
  bufferMs = 0,
): Promise<SessionEchoRun> {
  const conditions: ConditionRun[] = [];
  const bargeIns: SessionEchoRun['bargeIns'][number][] = [];
  for (const voice of ['espeak', 'flite'] as const) {
    const server = await spawnEchoServer(canceller, voice);
    try {
      for (const condition of CONDITIONS.filter((c) => c.voice === voice))
        conditions.push(await runCondition(server.url, condition, replies, bufferMs));
      if (canceller) {
        const client = await openRoomClient(
          server.url,
          { voice, gainDb: -9, delayMs: 150 },
          { bufferMs },
        );
        try {
          const user = await speech('stop, what time do you close', 'flite', MIC_RATE);
          const outcome = await bargeIn(client, user, 1_500);
          bargeIns.push({ voice, interruptMs: outcome.interruptMs, heardText: outcome.heardText });
        } catch (error: unknown) {
          bargeIns.push({ voice, interruptMs: undefined, heardText: `(${String(error)})` });
        } finally {
          await client.close();
        }
      }
    } finally {
      await server.stop();
    }
  }
  return { canceller, bufferMs, conditions, bargeIns };
}

async function runCondition(
  url: string,
  condition: EchoCondition,
  replies: number,
  bufferMs: number,
): Promise<ConditionRun> {
  const client = await openRoomClient(url, condition, { bufferMs });
  let selfInterruptedReplies = 0;
  let done = 0;
  try {
    for (; done < replies; done++) {
      const { problems } = await askOnce(client);
      if (problems.length === 0) continue;
      selfInterruptedReplies++;
      // Beside the server's trace (PARLEY_ECHO_TRACE=1), which reply of which condition.
      const seen = problems.map((m) => `${Math.round(m.atMs)} ${m.message.type}`).join(', ');
      console.error(`echo-session: ${describeCondition(condition)} reply ${done + 1}: ${seen}`);
    }
    return { condition: describeCondition(condition), replies, selfInterruptedReplies };
  } catch (error: unknown) {
    const message = error instanceof Error ? error.message.split('\n')[0]! : String(error);
    return {
      condition: describeCondition(condition),
      replies: done,
      selfInterruptedReplies,
      error: message,
    };
  } finally {
    await client.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [replies = '20', bufferMs = '0', on = 'on'] = process.argv.slice(2);
  const run = await runSessionEcho(on !== 'off', Number(replies), Number(bufferMs));
  console.log(JSON.stringify(run, null, 2));
}
