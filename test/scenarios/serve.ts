// The scenario server as its own process (like `npm start`), so that the client's clock and
// pacing never wait on the server's event loop. Prints `{"wsUrl": …}` on one line once listening;
// closes when stdin ends (the parent went away) or on SIGTERM.
import { startScenarioServer } from './server.ts';

const server = await startScenarioServer();
process.stdout.write(`${JSON.stringify({ wsUrl: server.wsUrl })}\n`);
let closing = false;
const close = (): void => {
  if (closing) return;
  closing = true;
  server.close().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error('scenario server: close failed', error);
      process.exit(1);
    },
  );
};
process.stdin.on('end', close);
process.stdin.resume();
process.once('SIGTERM', close);
