import { ConfigError, type ParleyErrorOptions } from '../../spec/errors.ts';

/** The echo canceller's DSP library (libspeexdsp) cannot be loaded on this machine. */
export class EchoUnavailableError extends ConfigError {
  constructor(message: string, options: ParleyErrorOptions = {}) {
    super(message, options);
    this.name = 'EchoUnavailableError';
  }
}
