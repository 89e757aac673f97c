// Small interfaces through which time, ids and hashing reach pure code, so a decision can be
// replayed exactly. Implementations live outside src/core (node:crypto etc.).

export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
}

export interface Ids {
  /** A new unique id with a readable prefix, e.g. "req_01J...". */
  next(prefix: string): string;
}

export interface Hasher {
  /** Lower-case hex SHA-256 of the UTF-8 bytes of `text`. */
  sha256(text: string): string;
}
