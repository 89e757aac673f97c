// Time and ids for the engine. The engine never reads time directly: a clock comes in, and is
// wrapped so that a clock jumping backwards cannot un-expire a request or reorder the audit log.
import { randomBytes } from 'node:crypto';
import type { Clock, Ids } from '../core/index.js';

export const systemClock: Clock = { now: () => Date.now() };

/** max(last, now): time as the engine sees it never goes backwards. */
export function monotonic(clock: Clock): Clock {
  let last = -Infinity;
  return {
    now() {
      const t = clock.now();
      if (t > last) last = t;
      return last;
    },
  };
}

const B32 = '0123456789abcdefghjkmnpqrstvwxyz';

// Random bytes drawn from the CSPRNG in pools of 4 KiB: one call per 256 ids instead of one each.
let pool = Buffer.alloc(0);
let at = 0;
function nextByte(): number {
  if (at >= pool.length) {
    pool = randomBytes(4096);
    at = 0;
  }
  return pool[at++]!;
}

function encode(n: number, len: number): string {
  let s = '';
  for (let i = 0; i < len; i++) {
    s = B32[n % 32]! + s;
    n = Math.floor(n / 32);
  }
  return s;
}

/** Time-sortable ids ("req_" + 10 chars of milliseconds + 16 random chars): list order is
 * creation order without a second index, and ids cannot be guessed. */
export function randomIds(clock: Clock = systemClock): Ids {
  return {
    next(prefix: string) {
      let rnd = '';
      for (let i = 0; i < 16; i++) rnd += B32[nextByte() & 31]!;
      return `${prefix}_${encode(Math.max(0, Math.floor(clock.now())), 10)}${rnd}`;
    },
  };
}
