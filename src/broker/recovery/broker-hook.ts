// Where recovery meets the broker's execution (src/broker/exec/run.ts calls runWithRecovery):
// - before an approved action runs, a recovery point is taken where one can exist; its digest goes
//   into the audit log (`recovery.taken`) and into the execution's record. If the policy said
//   `recovery_point: required` and no complete, verified point could be taken, the action does not
//   run, and the reason is in the request's execution record and the audit log for approvers.
// - `countersign rollback <request-id>` is itself a brokered command: it was classified, decided by
//   the policy and approved like any other action on that target, and here it restores the point
//   in-process (with the target's credentials) instead of running a program.
import { CountersignError, isCountersignError, type RequestRecord, type Target } from '../../core/index.js';
import type { Engine } from '../../engine/index.js';
import { secretsOf } from '../exec/env.js';
import { StreamRedactor } from '../exec/redact.js';
import { applyRecoveryPoint, verifyRecoveryPoint } from './restore.js';
import { takeRecoveryPoint } from './take.js';

export type Outcome = { code: number | null; signal: string | null; why?: string; errorCode?: string; detail?: Record<string, unknown> };
type Emit = (e: { type: 'stdout' | 'stderr'; data: string }) => void;

const ROLLBACK = /^\s*countersign\s+rollback\s+([A-Za-z0-9_-]{1,128})\s*$/;

/** The request id when the command is exactly `countersign rollback <request-id>`. */
export function rollbackOf(command: string): string | null {
  return ROLLBACK.exec(command)?.[1] ?? null;
}

const line = (emit: Emit, stream: 'stdout' | 'stderr', text: string): void => emit({ type: stream, data: Buffer.from(text + '\n').toString('base64') });

/** Tools' error messages can echo a connection string or a remote URL with its token: whatever
 * reaches the agent, the request record or the audit log has the target's secrets taken out. */
function scrubber(target: Target): (text: string) => string {
  const secrets = secretsOf(target);
  return (text) => {
    if (!secrets.length) return text;
    const r = new StreamRedactor(secrets);
    return Buffer.concat([r.push(Buffer.from(text)), r.end()]).toString('utf8');
  };
}

export async function runWithRecovery(engine: Engine, r: RequestRecord, target: Target, command: string, cwd: string, env: Record<string, string>, emit: Emit, spawn: () => Promise<Outcome>): Promise<Outcome> {
  const scrub = scrubber(target);
  const safe: Emit = (e) => emit({ type: e.type, data: Buffer.from(scrub(Buffer.from(e.data, 'base64').toString('utf8'))).toString('base64') });
  const rb = rollbackOf(command);
  if (rb) return rollback(engine, r, target, rb, env, safe, scrub);
  const before = await beforeRun(engine, r, target, cwd, env, safe, scrub);
  if (!before.proceed) return { code: null, signal: null, why: before.why!, errorCode: before.errorCode!, detail: before.detail };
  const out = await spawn();
  return { ...out, detail: before.detail };
}

async function beforeRun(engine: Engine, r: RequestRecord, target: Target, cwd: string, env: Record<string, string>, emit: Emit, scrub: (t: string) => string): Promise<{ proceed: boolean; detail: Record<string, unknown>; why?: string; errorCode?: string }> {
  const required = r.decision.approval?.recoveryPoint === 'required';
  try {
    if (!engine.dataDir) throw new CountersignError('E_RECOVERY_FAILED', 'This Countersign has no data directory to keep recovery points in.');
    const m = await takeRecoveryPoint(r, { dataDir: engine.dataDir, target, cwd, env });
    if (!m) {
      if (required) throw new CountersignError('E_RECOVERY_MISSING', 'The policy requires a recovery point, but Countersign knows no way to take one for this action (files, PostgreSQL, git and Terraform state are supported).');
      return { proceed: true, detail: {} };
    }
    const incomplete = m.parts.flatMap((p) => p.incomplete ?? []);
    const kind = m.parts.map((p) => p.kind).join('+');
    const summary = { digest: m.digest, kind, bytes: m.bytes, what: m.parts.flatMap((p) => p.what), restorable: m.parts.map((p) => `${p.kind}: ${p.restorable}`), notRestorable: m.parts.map((p) => `${p.kind}: ${p.notRestorable}`), ...(incomplete.length ? { incomplete } : {}) };
    await engine.appendAudit([{ type: 'recovery.taken', body: { request: r.id, kind, digest: m.digest, bytes: m.bytes, ...(incomplete.length ? { incomplete } : {}) } }]);
    if (required && incomplete.length) {
      throw new CountersignError('E_RECOVERY_FAILED', `The policy requires a complete recovery point, but part of what this action touches could not be saved (${incomplete.join('; ')}).`);
    }
    line(emit, 'stderr', `countersign: recovery point taken (${summary.what.join('; ')}); roll back with: countersign rollback ${r.id}`);
    line(emit, 'stderr', `countersign: a rollback cannot restore ${m.parts.map((p) => `(${p.kind}) ${p.notRestorable}`).join('; ')}`);
    return { proceed: true, detail: { recovery: summary } };
  } catch (err) {
    const code = isCountersignError(err) ? err.code : 'E_RECOVERY_FAILED';
    const message = scrub(err instanceof Error ? err.message : String(err));
    // Recorded whether or not the action proceeds: approvers and auditors see there is no point.
    await engine.appendAudit([{ type: 'recovery.failed', body: { request: r.id, code, message, required } }]).catch(() => undefined);
    if (required) return { proceed: false, why: `The action did not run: ${message}`, errorCode: code, detail: { recovery: { error: { code, message }, required: true } } };
    line(emit, 'stderr', `countersign: no recovery point (${code}): ${message}`);
    return { proceed: true, detail: { recovery: { error: { code, message }, required: false } } };
  }
}

async function rollback(engine: Engine, r: RequestRecord, target: Target, origId: string, env: Record<string, string>, emit: Emit, scrub: (t: string) => string): Promise<Outcome> {
  try {
    const orig = await engine.get(origId);
    if (!orig) throw new CountersignError('E_NOT_FOUND', `No request "${origId}" to roll back.`);
    // Restoring uses the target's credentials: only the target the original action ran on.
    if (orig.targetId !== r.targetId) throw new CountersignError('E_FORBIDDEN', `Request ${origId} ran on target "${orig.targetId}", not "${r.targetId}"; roll it back with --target ${orig.targetId}.`);
    const rec = orig.execution?.['recovery'] as { digest?: string } | undefined;
    if (!rec?.digest) throw new CountersignError('E_RECOVERY_MISSING', `Request ${origId} has no recovery point on record (it was not executed through the broker, nothing could be kept, or taking it failed); restore from your own backups.`);
    if (!engine.dataDir) throw new CountersignError('E_RECOVERY_MISSING', 'This Countersign has no data directory, so it holds no recovery points.');
    const verified = await verifyRecoveryPoint(origId, { dataDir: engine.dataDir, env, auditedDigest: rec.digest });
    // A rollback replaces what is there now, so what is there now is kept first, the same way and
    // under the rollback's own id: `countersign rollback <this rollback's id>` undoes a mistaken one.
    const now = { ...r, action: orig.action, report: orig.report, ...(orig.context ? { context: orig.context } : {}) };
    const before = await beforeRun(engine, now, target, orig.context?.cwd ?? (orig.action.kind === 'shell' ? orig.action.cwd : undefined) ?? env['HOME'] ?? '/', env, emit, scrub);
    if (!before.proceed) return { code: null, signal: null, why: before.why!, errorCode: before.errorCode!, detail: before.detail };
    const m = await applyRecoveryPoint(verified, { dataDir: engine.dataDir, env, say: (l) => line(emit, 'stdout', l) });
    await engine.appendAudit([{ type: 'recovery.restored', body: { request: origId, by: r.id, kind: m.parts.map((p) => p.kind).join('+'), digest: m.digest } }]);
    return { code: 0, signal: null, detail: { ...before.detail, rollback: { request: origId, digest: m.digest } } };
  } catch (err) {
    const code = isCountersignError(err) ? err.code : 'E_RECOVERY_FAILED';
    const message = scrub(err instanceof Error ? err.message : String(err));
    await engine.appendAudit([{ type: 'recovery.refused', body: { request: origId, by: r.id, code, message } }]).catch(() => undefined);
    return { code: 1, signal: null, why: message, errorCode: code, detail: { rollback: { request: origId, error: { code, message } } } };
  }
}
