import { ParleyError, type ParleyErrorOptions } from '../spec/errors.ts';

export type DispatchTokenProblem =
  'malformed' | 'bad-signature' | 'expired' | 'wrong-worker' | 'reused';

/** A dispatch token was refused by the worker it was presented to. */
export class DispatchTokenError extends ParleyError {
  readonly problem: DispatchTokenProblem;
  constructor(problem: DispatchTokenProblem, message: string, options: ParleyErrorOptions = {}) {
    super('config', message, options);
    this.name = 'DispatchTokenError';
    this.problem = problem;
  }
}

/** No healthy worker could take a new conversation. */
export class NoWorkerError extends ParleyError {
  constructor(message: string, options: ParleyErrorOptions = {}) {
    super('provider', message, options);
    this.name = 'NoWorkerError';
  }
}

/** The worker holding a call went away without closing it (crashed, killed, network lost). */
export class WorkerLostError extends ParleyError {
  readonly closeCode: number;
  constructor(message: string, closeCode: number, options: ParleyErrorOptions = {}) {
    super('closed', message, options);
    this.name = 'WorkerLostError';
    this.closeCode = closeCode;
  }
}

/** Cluster configuration (secret, URLs) is missing or unusable. */
export class ClusterConfigError extends ParleyError {
  constructor(message: string, options: ParleyErrorOptions = {}) {
    super('config', message, options);
    this.name = 'ClusterConfigError';
  }
}
