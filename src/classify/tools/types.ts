// The contract between the shell walker (src/classify/shell) and the tool rule tables (this folder).
// The walker parses, unwraps wrappers (sudo, env, timeout, xargs, ssh, kubectl exec, ...) and
// normalises words; it then hands each simple command to classifyInvocation() as an Invocation.
// Tables know tools; shared code never switches on a tool's name (STYLE.md 4).
import type { Finding, Risk, RiskReport, SqlDialect } from '../../core/index.js';

export type Invocation = {
  /** Normalised command name: basename with quotes and escapes removed ("/bin/rm", "\rm", "r''m" -> "rm"). */
  name: string;
  /** Arguments after the name as the program would receive them (quotes removed, known variables substituted). */
  args: string[];
  /** dynamic[i] is true when args[i] holds an expansion the walker could not resolve ($HOME, $(...), globs stay literal). */
  dynamic: boolean[];
  /** Working directory if known (from the action's context or a preceding `cd`). */
  cwd?: string;
  /** The action's workspace root (the cwd it was proposed from), when known: writes outside it,
   * and to guard or dotfiles inside it, are judged by src/classify/file's rules. */
  workspace?: string;
  /** Text of stdin when the walker knows it (heredoc, here-string, `echo ... |`), for SQL CLIs and the like. */
  stdin?: string;
  /** Source text of the simple command, for explanations. */
  text: string;
};

/** What a table may ask the walker to do for it. */
export type ToolContext = {
  /** Classify a nested shell script (e.g. `ssh host 'cmd'`, `kubectl exec -- sh -c '...'`). */
  shell(script: string): RiskReport;
  /** Classify SQL carried by a database CLI. */
  sql(sql: string, dialect: SqlDialect): RiskReport;
  /** Classify an already-split command (e.g. what follows `kubectl exec pod --`). */
  invocation(inv: Invocation): Finding[];
};

export type RuleHit = { target?: string; explanation?: string; risk?: Risk; effect?: string };

export type ToolRule = {
  /** Stable id "<table>.<rule>", e.g. "git.push-force". */
  id: string;
  risk: Risk;
  effect: string;
  /** One-line explanation; may be overridden by the hit. */
  explain: string;
  /** Returns a hit (or true) when the rule applies to the invocation. */
  test(inv: Invocation, ctx: ToolContext): RuleHit | boolean | null | undefined;
  /** Command lines this rule must match / must not match; checked when tables load (tests and
   * `countersign classify --self-check`). */
  examples: { match: string[]; no_match: string[] };
};

export type ToolTable = {
  /** Table name, e.g. "git". */
  name: string;
  /** Command names the table handles (normalised, e.g. ["git"], ["aws"], ["terraform", "tofu"]). */
  commands: string[];
  rules: ToolRule[];
  /** Risk when the tool is recognised but no rule matched (e.g. "mutating" for unknown subcommands,
   * "readonly" for a tool that only reads). A function may inspect the invocation (e.g. readonly
   * for `--help`, `--version`, listing subcommands). */
  fallback: Risk | ((inv: Invocation) => Risk);
};
