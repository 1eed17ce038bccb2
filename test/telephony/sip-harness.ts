import { spawn, type ChildProcess } from 'node:child_process';
import { createSocket } from 'node:dgram';
import type { AgentDefinition, Session, SessionOptions } from '../../src/index.ts';
import { systemClock } from '../../src/index.ts';
import { DEFAULT_DTMF_RULE } from '../../src/transport/telephony/dtmf.ts';
import type { RegistrationOptions } from '../../src/transport/sip/registration.ts';
import { SipServer } from '../../src/transport/sip/server.ts';

export interface SipHarness {
  readonly server: SipServer;
  readonly problems: string[];
  close(): Promise<void>;
}

/** A SIP server on a free 127.0.0.1 port whose calls open sessions through `createSession`. */
export async function startSipServer(
  agents: readonly AgentDefinition[],
  createSession: (options: SessionOptions) => Session | Promise<Session>,
  extra: {
    trustedCallerHosts?: string[];
    maxCalls?: number;
    registration?: RegistrationOptions;
  } = {},
): Promise<SipHarness> {
  const problems: string[] = [];
  const byId = new Map(agents.map((agent) => [agent.id, agent]));
  const server = new SipServer({
    port: 0,
    ...extra,
    context: {
      findAgent: (id) => byId.get(id),
      defaultAgentId: agents[0]!.id,
      openSession: (agent, options) =>
        Promise.resolve(
          createSession({ agent, models: {} as SessionOptions['models'], ...options }),
        ),
      dtmfRuleFor: () => DEFAULT_DTMF_RULE,
      clock: systemClock,
      onProblem: (message, error) =>
        problems.push(`${message} ${error instanceof Error ? error.message : ''}`),
    },
  });
  await server.listen();
  return { server, problems, close: () => server.close() };
}

/** A free UDP port on 127.0.0.1 (bound, read, released). */
export async function freeUdpPort(): Promise<number> {
  const socket = createSocket('udp4');
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', () => resolve()));
  const { port } = socket.address();
  await new Promise<void>((resolve) => socket.close(() => resolve()));
  return port;
}

/**
 * Arguments for SIPp placing calls from `scenario` to our SIP port on 127.0.0.1: its own
 * signalling and media ports, a timeout that fails the run, no keyboard, and `-key` values.
 */
export async function sippCallArgs(
  targetPort: number,
  scenario: string,
  options: { readonly timeoutS: number; readonly keys: Readonly<Record<string, string>> },
): Promise<string[]> {
  return [
    `127.0.0.1:${targetPort}`,
    '-sf',
    scenario,
    '-i',
    '127.0.0.1',
    '-p',
    String(await freeUdpPort()),
    '-mi',
    '127.0.0.1',
    '-mp',
    String(await freeUdpPort()),
    '-timeout',
    `${options.timeoutS}s`,
    '-timeout_error',
    '-nostdin',
    ...Object.entries(options.keys).flatMap(([name, value]) => ['-key', name, value]),
  ];
}

export interface ProcessResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Child processes started by tests, so `after` hooks can always kill them. */
export const children = new Set<ChildProcess>();

export function run(
  command: string,
  args: readonly string[],
  cwd: string,
  timeoutMs: number,
): Promise<ProcessResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    children.add(child);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.once('error', (error) => {
      clearTimeout(timer);
      children.delete(child);
      reject(error);
    });
    child.once('close', (code) => {
      clearTimeout(timer);
      children.delete(child);
      resolve({ code, stdout, stderr });
    });
  });
}

export function killChildren(): void {
  for (const child of children) child.kill('SIGKILL');
  children.clear();
}

/** Polls `predicate` every 20 ms; rejects after `timeoutMs` (real time: margins generous). */
export async function until(
  what: string,
  predicate: () => boolean,
  timeoutMs: number,
): Promise<void> {
  const started = performance.now();
  while (!predicate()) {
    if (performance.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
