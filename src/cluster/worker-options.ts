import type { Session, SessionOptions } from '../conversation/types.ts';
import type { RecordSink } from '../records/recorded-session.ts';
import type { EchoCancellerChoice } from '../server/echo-default.ts';
import type { ServerOptions } from '../server/server.ts';
import type { AgentDefinition } from '../spec/agent.ts';
import type { ConnectionLimits } from '../transport/limits.ts';
import type { WorkerSipOptions } from './worker-sip.ts';

/** What a `parley worker` is built from, and what it offers (see ./worker.ts). */
export interface WorkerOptions {
  readonly workerId?: string;
  /** Default 127.0.0.1. */
  readonly host?: string;
  /** Default 0 (a free port). */
  readonly port?: number;
  /** The address clients reach this worker at, when not `ws://host:port/ws` (behind a proxy). */
  readonly publicUrl?: string;
  readonly redisUrl: string;
  /** Shared with the front door: dispatch tokens are signed with it. */
  readonly secret: string;
  readonly agents: readonly AgentDefinition[];
  readonly makeModels: ServerOptions['makeModels'];
  readonly createSession: (options: SessionOptions) => Session;
  readonly agentSessionOptions?: ServerOptions['agentSessionOptions'];
  /** Server-side echo cancellation per call, as one process chooses it (see src/server). */
  readonly echoCancellers?: EchoCancellerChoice;
  /** Conversation records go here (PostgreSQL in a cluster). */
  readonly records?: RecordSink;
  /** Default 200. */
  readonly maxSessions?: number;
  /** Default a third of the registry TTL (1000). */
  readonly heartbeatMs?: number;
  readonly limits?: Partial<ConnectionLimits>;
  /** A SIP endpoint for calls the front door redirects here; absent means no SIP. */
  readonly sip?: WorkerSipOptions;
  /** Hands a call to a phone number or SIP URI; without it a transfer is refused. */
  readonly onTransfer?: (session: Session, target: string) => Promise<void>;
  readonly onProblem?: (message: string, error: unknown) => void;
}

export interface ParleyWorker {
  readonly workerId: string;
  readonly callCount: number;
  readonly draining: boolean;
  /** Listens, registers and starts beating; resolves to the worker's WebSocket URL. */
  start(): Promise<string>;
  /**
   * Takes no new call, lets current calls finish for up to `limitMs`, ends the rest with a
   * clear error, then closes. Resolves to how many calls finished and how many were cut.
   */
  drain(limitMs: number): Promise<{ finished: number; cut: number }>;
  /** Ends every call at once and closes. */
  close(): Promise<void>;
}
