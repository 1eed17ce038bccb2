/**
 * The server for the session-level echo tests and bench, in its own process so that the
 * engines' synchronous work (pocketsphinx, speex) never stalls the test's real-time client.
 * Prints `listening <url>` on stdout; stops on SIGTERM or when stdin closes.
 * The canceller comes from the server's own default (the speakerphone client reports its
 * echo cancellation off); PARLEY_ECHO_CANCELLER=off serves sessions without it (the bench's
 * baseline).
 */
import type { SpeexEchoCanceller } from '../../src/audio/echo/index.ts';
import { echoCancellersFromEnv } from '../../src/server/echo-default.ts';
import { createLocalModels } from '../../src/server/local-models.ts';
import { createServer } from '../../src/server/server.ts';
import { createSession } from '../../src/conversation/index.ts';
import { ECHO_AGENT } from './echo-agent.ts';

const enabled = process.env['PARLEY_ECHO_CANCELLER'] !== 'off';
const server = createServer({
  port: 0,
  agents: [ECHO_AGENT],
  makeModels: createLocalModels,
  echoCancellers: echoCancellersFromEnv({ PARLEY_ECHO_CANCELLATION: enabled ? 'auto' : 'off' }),
  createSession: (options) => {
    const canceller = options.echoCanceller as SpeexEchoCanceller | undefined;
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
