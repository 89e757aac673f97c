// The global freeze switch, kept in the store's shared state so every server instance honours it.
import { CountersignError } from '../core/index.js';
import type { Human, Store } from '../core/index.js';
import type { FreezeState } from './notifier.js';

export const FREEZE_KEY = 'freeze';

export async function readFreeze(store: Store): Promise<FreezeState> {
  const s = await store.getState<FreezeState>(FREEZE_KEY);
  return s && s.frozen ? s : { frozen: false };
}

export function requireAdmin(human: Human, what: string): void {
  if (!human.roles.includes('admin')) throw new CountersignError('E_FORBIDDEN', `Only a human with the "admin" role may ${what}; ask an admin.`);
}

export async function setFreeze(store: Store, human: Human, frozen: boolean, reason: string, now: number): Promise<FreezeState> {
  requireAdmin(human, frozen ? 'freeze Countersign' : 'thaw Countersign');
  if (reason.trim() === '') throw new CountersignError('E_REASON_REQUIRED', 'Say why in --reason.');
  const state: FreezeState = frozen ? { frozen: true, frozenBy: human.id, frozenAt: now, reason } : { frozen: false };
  await store.setState(FREEZE_KEY, state, [{ type: frozen ? 'freeze' : 'thaw', body: { by: human.id, reason } }]);
  return state;
}
