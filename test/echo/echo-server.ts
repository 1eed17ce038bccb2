/**
 * The server for the session-level echo tests and bench, in its own process so that the
 * engines' synchronous work (pocketsphinx, speex) never stalls the test's real-time client.
 * Prints `listening <url>` on stdout; stops on SIGTERM or when stdin closes.
 * The canceller comes from the server's own default (the speakerphone client reports its
 * echo cancellation off); PARLEY_ECHO_CANCELLER=off serves sessions without it (the bench's
 * baseline). PARLEY_ECHO_VOICE=espeak or flite makes the agent speak with espeak-ng en-us or
 * flite kal16 (the issue's two agent voices) instead of the best installed local voice.
 * PARLEY_ECHO_TRACE=1 logs the canceller around each onset and pause (test/echo/echo-trace.ts).
 */
import type { SpeexEchoCanceller } from '../../src/audio/echo/index.ts';
import { echoCancellersFromEnv } from '../../src/server/echo-default.ts';
import { createEspeakTts, createFliteTts } from '../../src/providers/local/tts/index.ts';
import { createLocalModels } from '../../src/server/local-models.ts';
import type { AgentDefinition } from '../../src/spec/agent.ts';
import { createServer } from '../../src/server/server.ts';
import { createSession } from '../../src/conversation/index.ts';
import { ECHO_AGENT } from './echo-agent.ts';
import { traceCanceller } from './echo-trace.ts';

const enabled = process.env['PARLEY_ECHO_CANCELLER'] !== 'off';
const voice = process.env['PARLEY_ECHO_VOICE'];
if (voice !== undefined && voice !== 'espeak' && voice !== 'flite')
  throw new Error(`PARLEY_ECHO_VOICE must be espeak or flite, not ${voice}`);
const makeModels = (agent: AgentDefinition) => {
  const models = createLocalModels(agent);
  if (voice === undefined) return models;
  return {
    ...models,
    tts:
      voice === 'espeak' ? createEspeakTts({ voice: 'en-us' }) : createFliteTts({ voice: 'kal16' }),
  };
};
const server = createServer({
  port: 0,
  agents: [ECHO_AGENT],
  makeModels,
  echoCancellers: echoCancellersFromEnv({ PARLEY_ECHO_CANCELLATION: enabled ? 'auto' : 'off' }),
  createSession: (options) => {
    const canceller = options.echoCanceller as SpeexEchoCanceller | undefined;
    if (canceller && process.env['PARLEY_ECHO_TRACE']) {
      const traced = traceCanceller(canceller, (line) => console.error(line));
      const session = createSession({ ...options, echoCanceller: traced.canceller });
      session.subscribe((event) => traced.onEvent(event));
      return session;
    }
    const session = createSession(options);
    if (canceller && process.env['PARLEY_ECHO_DEBUG']) {
      session.subscribe((event) => {
        if (event.type === 'user.speech-start' || event.type === 'agent.audio.start')
          console.error(
            `echo-server: ${event.type} tracked ${canceller.trackedDelayMs} ms, playback ${canceller.playbackDelayMs} ms, feed ${canceller.feedDelayMs} ms`,
          );
      });
    }
    return session;
  },
  staticDir: '/nonexistent',
  onProblem: (message, error) => console.error(`echo-server: ${message}`, error),
});
const url = await server.listen();
console.log(`listening ${url}`);

let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  await server.close();
  process.exit(0);
};
process.once('SIGTERM', () => void stop());
process.stdin.on('end', () => void stop());
process.stdin.resume();
