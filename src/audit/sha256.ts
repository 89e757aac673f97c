// The node:crypto implementation of the core Hasher port.
import { createHash } from 'node:crypto';
import type { Hasher } from '../core/index.js';

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

export const nodeHasher: Hasher = { sha256: sha256Hex };
