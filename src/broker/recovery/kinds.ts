// Every kind of recovery point, in the order they are taken.
import { filesKind } from './files/index.js';
import { gitKind } from './git/index.js';
import { postgresKind } from './postgres/index.js';
import { terraformKind } from './terraform/index.js';
import type { RecoveryKind } from './types.js';

export const KINDS: readonly RecoveryKind[] = [filesKind, postgresKind, gitKind, terraformKind];

export function kindNamed(name: string): RecoveryKind | undefined {
  return KINDS.find((k) => k.name === name);
}
