// One interface for every kind of recovery point (files, postgres, git, terraform). A kind decides
// whether it applies to an action, takes its part of the point into a directory of its own, checks
// it, and puts the world back. The manifest (./manifest.ts) seals whatever the kinds wrote.
import type { Action, RequestRecord, RiskReport, Target } from '../../core/index.js';

/** What a kind is given when it takes its part of a point. */
export type TakeCtx = {
  request: RequestRecord;
  target: Target | null;
  /** The directory this kind writes into (recovery/<request-id>/<kind>/), already created. */
  dir: string;
  /** The working directory the action runs in. */
  cwd: string;
  /** The environment the action runs with (the target's credentials included). */
  env: Record<string, string>;
  /** Bytes this kind may still use (the target's recovery.max_bytes minus what others took). */
  maxBytes: number;
};

/** One kind's part of a point, as recorded in the manifest. */
export type PartRecord = {
  kind: string;
  /** What was put aside, for people: "table public.orders (pg_dump -Fc)", "3 paths under /srv/app". */
  what: string[];
  /** Kind-specific data restore needs (paths and modes, refs, connection without password...). */
  data: Record<string, unknown>;
  /** Said to whoever approves or rolls back: what rollback can and cannot put back. */
  restorable: string;
  notRestorable: string;
  /** Set when the kind knows it could not see everything the action touches (a path computed at
   * run time): the point exists but rollback may not be complete. */
  incomplete?: string[];
};

export type RestoreCtx = {
  part: PartRecord;
  /** The kind's directory inside the point. */
  dir: string;
  requestId: string;
  env: Record<string, string>;
  /** Lines for whoever asked for the rollback. */
  say(line: string): void;
};

export interface RecoveryKind {
  readonly name: string;
  applies(action: Action, report: RiskReport, target: Target | null): boolean;
  /** Takes this kind's part; returns null when the action turns out to touch nothing it can save
   * (a DROP TABLE IF EXISTS of a table that does not exist). Throws CountersignError on failure. */
  take(ctx: TakeCtx): Promise<PartRecord | null>;
  /** Kind-specific check beyond the checksums (pg_restore --list of a dump, git objects present). */
  verify(part: PartRecord, dir: string, env: Record<string, string>): Promise<void>;
  restore(ctx: RestoreCtx): Promise<void>;
  /** What this kind can and cannot restore, in a sentence each. */
  describe(): { restorable: string; notRestorable: string };
}

/** The manifest of a point, stored as recovery/<request-id>/manifest.json. */
export type Manifest = {
  v: 1;
  request: string;
  target: string | null;
  environment: string;
  created: number;
  parts: PartRecord[];
  /** Every file under the point directory except the manifest: path relative to it, size, sha256. */
  files: { path: string; bytes: number; sha256: string }[];
  bytes: number;
  /** sha256 of the canonical JSON of the manifest without this field. It goes into the audit log. */
  digest: string;
};
