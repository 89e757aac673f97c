// The classifier's entry point: validate an action's shape, dispatch by kind, bound the work,
// and turn every failure into an "unknown" answer. `classify` never throws (fail closed).
import { ACTION_KINDS, type Action, type FileAction, type RiskReport, type SqlDialect } from '../core/index.js';
import { classifyFile } from './file/index.js';
import { classifyMcp } from './mcp/index.js';
import { classifyShell, initShell } from './shell/index.js';
import { classifySql, initSql } from './sql/index.js';
import { unknownReport } from './sql/report.js';
import { classifyPlan } from './terraform/index.js';

export type ClassifyOptions = {
  /** The workspace the agent works in; relative paths and build directories are judged against it. */
  cwd?: string;
};

/** Largest shell command or file path the classifier reads; longer input is unknown (E_TOO_LARGE). */
export const MAX_COMMAND_CHARS = 1_000_000;

const DIALECTS: readonly SqlDialect[] = ['postgresql', 'mysql', 'mariadb', 'sqlite', 'bigquery', 'transactsql', 'snowflake'];
const ALIASES: Record<string, SqlDialect> = { postgres: 'postgresql', pg: 'postgresql', psql: 'postgresql', sqlite3: 'sqlite', mssql: 'transactsql', sqlserver: 'transactsql', tsql: 'transactsql' };
const FILE_OPS = ['write', 'edit', 'delete'];

let ready: Promise<void> | null = null;
let loaded = false;

/** Loads the parsers (tree-sitter wasm, libpg-query) once. Safe to call many times. */
export function initClassifier(): Promise<void> {
  ready ??= Promise.all([initShell(), initSql()]).then(() => {
    loaded = true;
  });
  return ready;
}

export function classify(action: unknown, opts: ClassifyOptions = {}): RiskReport {
  try {
    return dispatch(action, opts);
  } catch (err) {
    if (err instanceof RangeError) return unknownReport('E_TOO_DEEP', 'The action nests deeper than the classifier follows; it is treated as unknown.');
    return unknownReport('E_INTERNAL', `The classifier failed (${String(err)}); the action is treated as unknown.`);
  }
}

function bad(message: string): RiskReport {
  return unknownReport('E_BAD_INPUT', `${message} See docs/classifier.md for the action shapes.`);
}

function dispatch(action: unknown, opts: ClassifyOptions): RiskReport {
  if (!action || typeof action !== 'object' || Array.isArray(action)) return bad('The action is not a JSON object.');
  const a = action as Record<string, unknown>;
  if (typeof a.kind !== 'string') return bad('The action has no "kind".');
  if (!(ACTION_KINDS as readonly string[]).includes(a.kind)) {
    return unknownReport('E_UNSUPPORTED_KIND', `The action kind "${a.kind.slice(0, 40)}" is not one of ${ACTION_KINDS.join(', ')}.`);
  }
  const act = a as Action;
  switch (act.kind) {
    case 'shell': {
      if (typeof act.command !== 'string') return bad('A shell action needs "command" (a string).');
      if (act.cwd !== undefined && typeof act.cwd !== 'string') return bad('"cwd" must be a string.');
      if (act.command.length > MAX_COMMAND_CHARS) return unknownReport('E_TOO_LARGE', `The command is ${act.command.length} characters; the classifier reads at most ${MAX_COMMAND_CHARS}. Put a long script in a file and review it.`);
      if (act.command.trim() === '') return unknownReport('E_EMPTY_INPUT', 'The shell command is empty; send the command to classify.');
      if (!loaded) return unknownReport('E_INTERNAL', 'The shell parser is not loaded; call initClassifier() first.');
      const cwd = opts.cwd ?? act.cwd;
      return classifyShell(act.command, cwd !== undefined ? { cwd } : {});
    }
    case 'sql': {
      if (typeof act.sql !== 'string') return bad('A sql action needs "sql" (a string).');
      const dialect = act.dialect === undefined || (act.dialect as unknown) === null ? 'postgresql' : typeof act.dialect === 'string' ? (ALIASES[act.dialect.toLowerCase()] ?? act.dialect.toLowerCase()) : '';
      if (!(DIALECTS as readonly string[]).includes(dialect)) return bad(`"dialect" must be one of ${DIALECTS.join(', ')}.`);
      return classifySql(act.sql, dialect as SqlDialect);
    }
    case 'terraform-plan':
      if (!('plan' in act)) return bad('A terraform-plan action needs "plan" (the output of `terraform show -json`).');
      // `command` (the apply that would run) is recorded, not classified: the plan says what it does.
      if (act.command !== undefined && typeof act.command !== 'string') return bad('"command" must be a string.');
      return classifyPlan(act.plan);
    case 'file':
      return file(act, opts, a);
    case 'mcp':
      return classifyMcp(act, { ...(opts.cwd !== undefined ? { cwd: opts.cwd } : {}), classify: (inner) => dispatch(inner, opts) });
  }
}

function file(act: FileAction, opts: ClassifyOptions, raw: Record<string, unknown>): RiskReport {
  if (!FILE_OPS.includes(act.op)) return bad(`A file action needs "op": one of ${FILE_OPS.join(', ')}.`);
  if (typeof act.path !== 'string' || act.path === '') return bad('A file action needs "path" (a non-empty string).');
  if (act.path.length > 4096) return unknownReport('E_TOO_LARGE', 'The file path is longer than 4096 characters.');
  const cwd = opts.cwd ?? (typeof raw.cwd === 'string' ? raw.cwd : undefined);
  return classifyFile(act, cwd !== undefined ? { cwd } : {});
}
