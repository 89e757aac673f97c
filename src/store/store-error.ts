// Every failure inside a store surfaces as a coded CountersignError. Anything that is not already
// one (a driver error, a full disk, a lock timeout) becomes E_STORE, which the engine answers with
// "not allowed": a store that cannot write never lets an action through.
import { CountersignError, isCountersignError } from '../core/index.js';

export function toStoreError(e: unknown, what: string): CountersignError {
  if (isCountersignError(e)) return e;
  const msg = e instanceof Error ? e.message : String(e);
  return new CountersignError('E_STORE', `${what} failed (${msg}). Check the database (disk space, permissions, connectivity); nothing was written.`);
}

/** Runs a synchronous read and turns its failure into a rejected promise with a coded error. */
export function readAsync<T>(what: string, fn: () => T): Promise<T> {
  try {
    return Promise.resolve(fn());
  } catch (e) {
    return Promise.reject(toStoreError(e, what));
  }
}
