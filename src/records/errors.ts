import { ParleyError, type ParleyErrorOptions } from '../spec/errors.ts';

/** A record store could not be opened, migrated, written or read. */
export class RecordStoreError extends ParleyError {
  constructor(message: string, options: ParleyErrorOptions = {}) {
    super('provider', message, options);
    this.name = 'RecordStoreError';
  }
}
