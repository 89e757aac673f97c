// The engine: the only layer that sequences I/O. It classifies, resolves, limits, evaluates,
// persists with audit, and notifies; the server and the CLI talk to it, never to the store.
import type { Agent, Clock, Human, Ids, Principal, RequestFilter, RequestOutcome, RequestRecord, Store, SubmitAnswer, SubmitInput } from '../core/index.js';
import { CountersignError } from '../core/index.js';
import type { Config } from '../config/index.js';
import { monotonic, randomIds, systemClock } from './clock.js';
import { partsFromConfig } from './from-config.js';
import type { EngineCtx } from './ctx.js';
import { act, sweep } from './decide.js';
import { ExpiryIndex } from './expiry-index.js';
import { finishExecution, startExecution } from './execution.js';
import { readFreeze, setFreeze } from './freeze.js';
import { rateKey, readBreaker, type BreakerState } from './limits.js';
import { Tally } from './tally.js';
import { localNotifier, type EngineEvent, type FreezeState, type Notifier } from './notifier.js';
import type { EngineParts } from './parts.js';
import { publishAudit } from './persist.js';
import { followStoreChanges } from './store-changes.js';
import { submit, type SubmitOptions } from './submit.js';
import { allEntries, verifyStore } from './audit.js';
import { viewOf, type RequestView } from './view.js';
import { outcomeOf, settleWaits, waitFor } from './wait.js';

export type { EngineEvent, FreezeState, Notifier, RequestView, EngineParts, BreakerState, SubmitOptions };
export { localNotifier, monotonic, randomIds, systemClock };
export type { Limits, EvalQuery, Resolved } from './parts.js';
export { DEFAULT_LIMITS } from './parts.js';

export type EngineOptions = {
  /** The loaded configuration; the engine builds its parts from it (real classifier, target
   * resolution, compiled policy, limits). Call initClassifier() before the first submission. */
  config?: Config;
  /** Or the parts themselves (tests, embedding). One of `config` and `parts` is required. */
  parts?: EngineParts;
  store: Store;
  clock?: Clock;
  ids?: Ids;
  notifier?: Notifier;
  /** Where the broker keeps recovery points (recovery/<request-id>/); defaults to config.dataDir. */
  dataDir?: string;
  /** Base URL approvers open; used in answers' approval.url. */
  publicUrl?: string;
  /** How often pending requests are checked for expiry; 0 turns the sweeper off. */
  sweepMs?: number;
  /** How long an HTTP host hook holds a pending request open before answering "not allowed". */
  hookWaitMs?: number;
  /** How often limit counters merge into the store's shared counters. */
  limitSyncMs?: number;
};

export type Engine = ReturnType<typeof createEngine>;

export function createEngine(opts: EngineOptions) {
  const clock = monotonic(opts.clock ?? systemClock);
  const parts = opts.parts ?? (opts.config ? partsFromConfig(opts.config) : undefined);
  if (!parts) throw new CountersignError('E_INTERNAL', 'createEngine needs a config (or parts).');
  const ctx: EngineCtx = {
    parts,
    store: opts.store,
    clock,
    ids: opts.ids ?? randomIds(clock),
    notifier: opts.notifier ?? localNotifier(),
    publicUrl: (opts.publicUrl ?? 'http://127.0.0.1:7300').replace(/\/$/, ''),
    tally: new Tally(opts.store),
  };
  const expiries = new ExpiryIndex();
  ctx.notifier.subscribe((e) => {
    if (e.type === 'request') expiries.note(e.request);
  });
  // A shared store (PostgreSQL) reports other instances' changes; they reach this notifier too.
  followStoreChanges(ctx);
  let sweeps = 0;
  let sweeper: NodeJS.Timeout | undefined;
  const sweepMs = opts.sweepMs ?? 1000;
  let sweeping = false;

  const engine = {
    get publicUrl() {
      return ctx.publicUrl;
    },
    set publicUrl(url: string) {
      ctx.publicUrl = url.replace(/\/$/, '');
    },
    clock,
    store: opts.store,
    /** The data directory (recovery points live under it); undefined when the engine has none. */
    dataDir: opts.dataDir ?? opts.config?.dataDir,
    hookWaitMs: opts.hookWaitMs,
    submit: (agent: Agent, input: SubmitInput, opts?: SubmitOptions): Promise<SubmitAnswer> => submit(ctx, agent, input, opts),
    /** A configured target with its credentials: for the broker, never for an answer to an agent. */
    target: (id: string) => ctx.parts.target?.(id),
    async wait(id: string, ms: number): Promise<RequestOutcome> {
      return outcomeOf(await waitFor(ctx, id, ms), clock.now());
    },
    waitRequest: (id: string, ms: number): Promise<RequestRecord> => waitFor(ctx, id, ms),
    approve: (who: Principal, id: string, reason: string) => act(ctx, who, id, 'approve', reason),
    reject: (who: Principal, id: string, reason: string) => act(ctx, who, id, 'reject', reason),
    breakGlass: (who: Principal, id: string, reason: string) => act(ctx, who, id, 'break-glass', reason),
    /** The broker's side: approved -> running -> executed | failed (a failure feeds the breaker). */
    startExecution: (id: string) => startExecution(ctx, id),
    finishExecution: (id: string, ok: boolean, detail?: Record<string, unknown>) => finishExecution(ctx, id, ok, detail),
    get: (id: string) => ctx.store.getRequest(id),
    list: (filter: RequestFilter) => ctx.store.listRequests(filter),
    view: (r: RequestRecord, viewer?: Human): RequestView => viewOf(ctx, r, viewer),
    principal: (id: string) => ctx.parts.principal(id),
    agents: () => ctx.parts.agents(),
    /** Submissions this agent made in the current minute (reads the rate counter without bumping it). */
    rateNow: (agentId: string): number => ctx.tally.peek(rateKey(agentId), clock.now()),
    /** Merges the limit counters into the store now (tests; shutdown). */
    syncLimits: () => ctx.tally.sync(clock.now()),
    verifyAudit: () => verifyStore(ctx.store),
    auditEntries: (from = 1) => allEntries(ctx.store, from),
    status: (): Promise<FreezeState> => readFreeze(ctx.store),
    async freeze(who: Human, reason: string): Promise<FreezeState> {
      const s = await setFreeze(ctx.store, who, true, reason, clock.now());
      ctx.notifier.publish({ type: 'status', status: s });
      return s;
    },
    async thaw(who: Human, reason: string): Promise<FreezeState> {
      const s = await setFreeze(ctx.store, who, false, reason, clock.now());
      ctx.notifier.publish({ type: 'status', status: s });
      return s;
    },
    breaker: (agentId: string) => readBreaker(ctx.store, agentId, clock.now()),
    /** Append entries not tied to a request (config.loaded, checkpoints), and tell listeners. */
    async appendAudit(entries: { type: string; body: Record<string, unknown> }[]) {
      const written = await ctx.store.appendAudit(entries);
      publishAudit(ctx, written);
      return written;
    },
    subscribe: (fn: (e: EngineEvent) => void) => ctx.notifier.subscribe(fn),
    /** Expires what is due; `full` first re-lists every open request from the store. */
    sweep: (full = true) => sweep(ctx, expiries, full),
    start() {
      ctx.tally.start(opts.limitSyncMs ?? 1000, clock);
      if (sweepMs > 0 && !sweeper) {
        sweeper = setInterval(() => {
          if (sweeping) return;
          sweeping = true;
          // A full listing every minute catches requests whose events this instance never saw.
          sweep(ctx, expiries, sweeps++ % 60 === 0)
            .catch(() => undefined) // a failed sweep is retried next tick; nothing is allowed by it failing
            .finally(() => (sweeping = false));
        }, sweepMs);
        sweeper.unref();
      }
    },
    /** Stops the timers; the last limit counts are queued to the store (its close() commits them). */
    stop() {
      if (sweeper) clearInterval(sweeper);
      sweeper = undefined;
      ctx.tally.stop();
      void ctx.tally.sync(clock.now());
      settleWaits(ctx);
    },
  };
  return engine;
}
