// Running an approved (or allowed) brokered command: once, with the target's credentials, output
// streamed back redacted. The request moves approved|allowed -> running (compare-and-set, so a
// second run of the same approval is refused) -> executed | failed, each step in the audit log.
import { spawn } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { CountersignError, isCountersignError, type Agent, type RequestRecord, type Target } from '../../core/index.js';
import type { Engine } from '../../engine/index.js';
import { checkAgentEnv, composeEnv, secretsOf } from './env.js';
import { placeFiles } from './files.js';
import { credentialHazard, exposesCredentials, hazardMessage } from './guard.js';
import { StreamRedactor } from './redact.js';
import { runWithRecovery } from '../recovery/broker-hook.js';

export type ExecEvent =
  | { type: 'started'; id: string; target: string; environment: string }
  | { type: 'stdout' | 'stderr'; data: string }
  | { type: 'exit'; code: number | null; signal: string | null; status: 'executed' | 'failed' }
  | { type: 'error'; code: string; message: string };

export type Running = { request: RequestRecord; run(emit: (e: ExecEvent) => void, abort: AbortSignal): Promise<void> };

export const DEFAULT_TIMEOUT_S = 600;
export const MAX_TIMEOUT_S = 3600;
const SHELL = existsSync('/bin/bash') ? '/bin/bash' : '/bin/sh';

function parseRunBody(body: unknown): { env: Record<string, string>; timeoutMs: number } {
  if (body === undefined || body === null) return { env: {}, timeoutMs: DEFAULT_TIMEOUT_S * 1000 };
  if (typeof body !== 'object' || Array.isArray(body)) throw new CountersignError('E_BAD_INPUT', 'Send {"env"?: {...}, "timeoutSeconds"?: N}.');
  const b = body as Record<string, unknown>;
  for (const k of Object.keys(b)) if (k !== 'env' && k !== 'timeoutSeconds') throw new CountersignError('E_UNKNOWN_FIELD', `"${k}" is not a field of an execute request; send env, timeoutSeconds.`);
  const t = b['timeoutSeconds'];
  if (t !== undefined && (typeof t !== 'number' || !Number.isFinite(t) || t <= 0 || t > MAX_TIMEOUT_S)) throw new CountersignError('E_BAD_INPUT', `"timeoutSeconds" must be between 1 and ${MAX_TIMEOUT_S}.`);
  return { env: checkAgentEnv(b['env']), timeoutMs: (typeof t === 'number' ? t : DEFAULT_TIMEOUT_S) * 1000 };
}

/** Checks everything and takes the request (its one execution) before any output is sent, so
 * every refusal is still an ordinary HTTP error. */
export async function startRun(engine: Engine, agent: Agent, id: string, body: unknown, serverEnv: Record<string, string | undefined> = process.env): Promise<Running> {
  const { env: agentEnv, timeoutMs } = parseRunBody(body);
  const r = await engine.get(id);
  if (!r) throw new CountersignError('E_NOT_FOUND', `No request "${id}".`);
  if (r.agentId !== agent.id) throw new CountersignError('E_FORBIDDEN', `Request "${id}" belongs to another agent.`);
  if (r.action.kind !== 'shell') throw new CountersignError('E_BAD_INPUT', `Request "${id}" is a ${r.action.kind} action; the broker runs shell commands only.`);
  const target = r.targetId ? engine.target(r.targetId) : undefined;
  if (!target?.credentials) throw new CountersignError('E_BAD_INPUT', `Request "${id}" has no target with credentials${r.targetId ? ` ("${r.targetId}" has none)` : ''}; submit it with \`countersign exec --target T\`.`);
  const command = r.action.command;
  // The configuration may have changed since the submission: check again with today's credentials.
  const exposed = exposesCredentials(command, target);
  if (exposed) throw new CountersignError('E_FORBIDDEN', `The broker will not run this command: ${exposed}.`);
  // Code, unknown risk or an environment read runs with credentials only when people approved
  // this exact command; an allowed request nobody read does not.
  const hazard = credentialHazard(command, target, r.report);
  if (hazard && !(r.status === 'approved' && r.approvals.length > 0)) throw new CountersignError('E_FORBIDDEN', hazardMessage(target.id, hazard));
  const cwd = r.context?.cwd ?? r.action.cwd ?? serverEnv['HOME'] ?? '/';
  if (!existsSync(cwd) || !statSync(cwd).isDirectory()) throw new CountersignError('E_BAD_INPUT', `The working directory ${cwd} does not exist on the broker's machine; run from a directory that does.`);
  const started = await engine.startExecution(id);
  return { request: started, run: (emit, abort) => execute(engine, started, target, command, cwd, composeEnv(agentEnv, target, serverEnv), timeoutMs, emit, abort) };
}

async function execute(engine: Engine, r: RequestRecord, target: Target, command: string, cwd: string, env: Record<string, string>, timeoutMs: number, emit: (e: ExecEvent) => void, abort: AbortSignal): Promise<void> {
  emit({ type: 'started', id: r.id, target: target.id, environment: r.environment });
  const t0 = Date.now();
  let removeFiles = (): void => undefined;
  let outcome: { code: number | null; signal: string | null; why?: string; errorCode?: string; detail?: Record<string, unknown> };
  try {
    removeFiles = placeFiles(target.credentials?.files ?? {});
    // A recovery point is taken first where one can exist (and `countersign rollback <id>` restores
    // one instead of running a program): see src/broker/recovery/broker-hook.ts.
    outcome = await runWithRecovery(engine, r, target, command, cwd, env, emit, () => spawnStreaming(command, cwd, env, secretsOf(target), timeoutMs, emit, abort));
  } catch (err) {
    outcome = { code: null, signal: null, why: err instanceof Error ? err.message : String(err) };
  } finally {
    removeFiles();
  }
  const ok = outcome.code === 0;
  const detail = { exitCode: outcome.code, signal: outcome.signal, durationMs: Date.now() - t0, ...(outcome.why ? { error: outcome.why } : {}), ...(outcome.detail ?? {}) };
  try {
    await engine.finishExecution(r.id, ok, detail);
  } catch (err) {
    // The command ran; only the record of its end failed. Say so rather than pretend success.
    emit({ type: 'error', code: isCountersignError(err) ? err.code : 'E_STORE', message: `The command ended but its result could not be recorded: ${err instanceof Error ? err.message : String(err)}` });
  }
  if (outcome.why) emit({ type: 'error', code: outcome.errorCode ?? 'E_INTERNAL', message: outcome.why });
  emit({ type: 'exit', code: outcome.code, signal: outcome.signal, status: ok ? 'executed' : 'failed' });
}

function spawnStreaming(command: string, cwd: string, env: Record<string, string>, secrets: string[], timeoutMs: number, emit: (e: ExecEvent) => void, abort: AbortSignal): Promise<{ code: number | null; signal: string | null; why?: string }> {
  return new Promise((resolve) => {
    // Its own process group, so a timeout or a gone client stops the whole pipeline it started.
    const child = spawn(SHELL, ['-c', command], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    let why: string | undefined;
    const kill = (reason: string): void => {
      why ??= reason;
      try {
        process.kill(-child.pid!, 'SIGTERM');
      } catch {
        // already gone
      }
      setTimeout(() => {
        try {
          process.kill(-child.pid!, 'SIGKILL');
        } catch {
          // already gone
        }
      }, 3000).unref();
    };
    const timer = setTimeout(() => kill(`stopped after ${Math.round(timeoutMs / 1000)} s (timeoutSeconds)`), timeoutMs);
    const onAbort = (): void => kill('the client went away');
    abort.addEventListener('abort', onAbort, { once: true });
    for (const name of ['stdout', 'stderr'] as const) {
      const red = new StreamRedactor(secrets);
      const stream = child[name]!;
      stream.on('data', (c: Buffer) => {
        const out = red.push(c);
        if (out.length) emit({ type: name, data: out.toString('base64') });
      });
      stream.on('end', () => {
        const out = red.end();
        if (out.length) emit({ type: name, data: out.toString('base64') });
      });
    }
    child.on('error', (err) => {
      clearTimeout(timer);
      abort.removeEventListener('abort', onAbort);
      resolve({ code: null, signal: null, why: `could not start ${SHELL}: ${err.message}` });
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      abort.removeEventListener('abort', onAbort);
      resolve({ code, signal, ...(why ? { why } : {}) });
    });
  });
}
