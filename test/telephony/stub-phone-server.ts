import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SessionOptions } from '../../src/index.ts';
import { createServer, type ParleyServer } from '../../src/server/server.ts';
import { demoAgent, noModels, StubSession } from '../../src/server/stub-session.fixture.ts';
import { mountTelephony, type TelephonyOptions } from '../../src/transport/telephony/mount.ts';

/** The carrier part of the telephony options; `origin()` is the server's URL once it listens. */
export type CarrierOptions = (
  origin: () => string,
) => Omit<TelephonyOptions, 'agents' | 'openSession' | 'onProblem'>;

/** A Parley server with the demo agent on stub sessions and one carrier's webhooks mounted. */
export interface StubPhoneServer {
  readonly server: ParleyServer;
  readonly baseUrl: string;
  /** Every session the carrier opened, in order, with the options it was opened with. */
  readonly sessions: StubSession[];
  readonly sessionOptions: Map<StubSession, SessionOptions>;
  /** Everything the server and the telephony mount reported as a problem. */
  readonly problems: string[];
  close(): Promise<void>;
}

export async function startStubPhoneServer(carrier: CarrierOptions): Promise<StubPhoneServer> {
  const staticDir = await mkdtemp(join(tmpdir(), 'parley-phone-'));
  const sessions: StubSession[] = [];
  const sessionOptions = new Map<StubSession, SessionOptions>();
  const problems: string[] = [];
  let origin = '';
  const server = createServer({
    port: 0,
    agents: [demoAgent],
    makeModels: () => noModels,
    createSession: (options) => {
      const session = new StubSession(options);
      sessions.push(session);
      sessionOptions.set(session, options);
      return session;
    },
    staticDir,
    onProblem: (message) => problems.push(message),
    telephony: (openSession) =>
      mountTelephony({
        agents: [demoAgent],
        openSession,
        onProblem: (message, error) => problems.push(`${message} ${String(error)}`),
        ...carrier(() => origin),
      }),
  });
  const baseUrl = await server.listen();
  origin = baseUrl;
  return {
    server,
    baseUrl,
    sessions,
    sessionOptions,
    problems,
    close: async () => {
      await server.close();
      await rm(staticDir, { recursive: true, force: true });
    },
  };
}
