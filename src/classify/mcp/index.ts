// MCP tool calls {kind:'mcp', server, tool, arguments}, classified by what the tool does:
// - a shell command or SQL text in the arguments is classified as that (the text is the effect);
// - the filesystem server's writes and moves are file actions, judged by path like an agent host's
//   Write tool (outside the workspace, .git, agent settings, Countersign's config: destructive);
// - tools known by exact name (tools.ts KNOWN_TOOLS) called with only their own arguments are what
//   the table says; any other tool is readonly only when its name starts with a read verb, holds no
//   changing verb anywhere ("read_file_and_overwrite", "list_resetdb") and no argument carries a
//   command, code or changing SQL (args.ts) — a name is the server author's claim, not an effect;
// - anything else is `unknown`: a tool nobody described is for the policy to decide, never "safe".
import type { Action, Finding, McpAction, Risk, RiskReport } from '../../core/index.js';
import { maxRisk } from '../../core/index.js';
import { classifyFile } from '../file/index.js';
import { scanArguments } from './args.js';
import { CHANGING_INSIDE, CHANGING_WORD, DESTRUCTIVE_PREFIXES, DIALECT_HINTS, KNOWN_TOOLS, nameTokens, READ_VERBS, SQL_QUERY_NAME } from './tools.js';

export type McpOptions = {
  cwd?: string;
  /** The main dispatcher, for the shell command or SQL text a tool carries. */
  classify: (inner: Action) => RiskReport;
};

type Args = Record<string, unknown>;

export function classifyMcp(action: McpAction, opts: McpOptions): RiskReport {
  const { server, tool } = action;
  if (typeof server !== 'string' || typeof tool !== 'string' || tool === '') return bad('An mcp action needs "server" and "tool" (strings).');
  const raw = action.arguments;
  if (raw !== undefined && (raw === null || typeof raw !== 'object' || Array.isArray(raw))) return bad('"arguments" must be a JSON object.');
  const args: Args = raw ?? {};
  const name = tool.toLowerCase();
  const label = `MCP ${server}/${tool}`;

  // Every reading that applies counts and the worst wins: an extra `command: "ls"` argument must
  // not turn write_file on .git/config into a harmless listing (the server ignores what it does
  // not know and writes anyway).
  const reports: RiskReport[] = [];
  const fs = filesystem(name, args, opts.cwd);
  if (fs) reports.push(fs);
  const known = Object.hasOwn(KNOWN_TOOLS, name) ? KNOWN_TOOLS[name]! : undefined;
  // A known tool called with an argument its server does not take is not the tool we know.
  const asKnown = known !== undefined && Object.keys(args).every((k) => known.args.includes(k));
  // A known tool's own arguments are data (a file's content, a search text), not commands.
  if (!asKnown) reports.push(...scanArguments(args, { classify: opts.classify, dialect: dialectOf(server, name), sqlServer: SQL_QUERY_NAME.test(name) || SQL_QUERY_NAME.test(server) }));
  const named = asKnown ? fromTable(name, server, tool, known.risk) : byName(name, server, tool);
  if (reports.length === 0) return wrap(label, named);
  // A reading name never lowers what the text says; a deleting name raises it, and so does a name
  // with a changing verb other than "run": `list_buckets_and_empty {sql: "SELECT 1"}` still empties.
  // (The filesystem server's writes are judged by path above; their names add nothing.)
  if (!fs && (named.risk === 'destructive' || named.risk === 'mutating' || (named.risk === 'unknown' && named.findings[0]?.effect === 'change-by-name'))) reports.push(named);
  return wrap(label, worst(reports));
}

function fromTable(name: string, server: string, tool: string, risk: 'readonly' | 'mutating' | 'destructive'): RiskReport {
  const target = `${server}/${tool}`;
  if (risk === 'readonly') return fromOne({ rule: 'mcp.read', risk, effect: 'read', target, explanation: `${tool} only reads`, tool: 'mcp' });
  if (risk === 'mutating') return fromOne({ rule: 'mcp.add', risk, effect: 'add-data', target, explanation: `${tool} adds to what the server holds`, tool: 'mcp' });
  return deleting(name, target, tool);
}

function deleting(_name: string, target: string, tool: string): RiskReport {
  return fromOne({ rule: 'mcp.delete', risk: 'destructive', effect: 'delete-data', target, explanation: `${tool} deletes what the server holds; it is not regenerated`, tool: 'mcp' });
}

const RUN_VERB = /^(exec|run|call|invoke|do)$/;

/** A tool not in the table: its name is only a claim, so it reads as a read only when nothing in
 * it says otherwise. */
function byName(name: string, server: string, tool: string): RiskReport {
  const target = `${server}/${tool}`;
  if (DESTRUCTIVE_PREFIXES.some((p) => name.startsWith(p))) return deleting(name, target, tool);
  const tokens = nameTokens(tool);
  const changing = CHANGING_INSIDE.exec(tokens.join('_'))?.[0] ?? tokens.find((t) => CHANGING_WORD.test(t));
  if (changing === undefined && tokens.length > 0 && READ_VERBS.includes(tokens[0]!)) {
    return fromOne({ rule: 'mcp.read-by-name', risk: 'readonly', effect: 'read', target, explanation: `${tool} is named as a read, with no changing verb and no command in its arguments`, tool: 'mcp' });
  }
  const why = changing !== undefined ? ` (its name says "${changing}")` : '';
  // "run"/"exec"/"query" tools do what the text they carry says; other verbs act on their own.
  const effect = changing !== undefined && !RUN_VERB.test(changing) ? 'change-by-name' : 'call-tool';
  return fromOne({ rule: 'mcp.unknown-tool', risk: 'unknown', effect, target, explanation: `${tool} is not a tool Countersign knows${why}; the policy decides`, tool: 'mcp' });
}

function worst(reports: RiskReport[]): RiskReport {
  if (reports.length === 1) return reports[0]!;
  let top = reports[0]!;
  for (const r of reports) if (maxRisk(top.risk, r.risk) !== top.risk) top = r;
  const error = reports.find((r) => r.error)?.error;
  return { risk: top.risk, summary: top.summary, findings: reports.flatMap((r) => r.findings), ...(error ? { error } : {}) };
}

function dialectOf(server: string, tool: string): NonNullable<Extract<Action, { kind: 'sql' }>['dialect']> {
  for (const [re, d] of DIALECT_HINTS) if (re.test(server) || re.test(tool)) return d;
  return 'postgresql';
}

/** The filesystem server's changing tools, judged by the paths they touch. */
function filesystem(name: string, args: Args, cwd: string | undefined): RiskReport | null {
  const o = cwd !== undefined ? { cwd } : {};
  const path = (k: string): string | null => (typeof args[k] === 'string' && args[k] !== '' ? (args[k] as string) : null);
  switch (name) {
    case 'write_file':
    case 'create_directory': {
      const p = path('path');
      return p === null ? missing(name, 'path') : classifyFile({ kind: 'file', op: 'write', path: p }, o);
    }
    case 'edit_file': {
      const p = path('path');
      if (p === null) return missing(name, 'path');
      // dryRun returns the diff and writes nothing.
      if (args['dryRun'] === true) return fromOne({ rule: 'mcp.fs.edit-dry-run', risk: 'readonly', effect: 'dry-run', target: p, explanation: `edit_file ${p} with dryRun only shows the diff`, tool: 'mcp' });
      return classifyFile({ kind: 'file', op: 'edit', path: p }, o);
    }
    case 'move_file': {
      const src = path('source');
      const dst = path('destination');
      if (src === null || dst === null) return missing(name, src === null ? 'source' : 'destination');
      // The source's content survives under the new name, so a move is a change, unless either end
      // is a place an agent must not touch (moving .git/config away disables it as surely as deleting).
      const ends = [classifyFile({ kind: 'file', op: 'write', path: src }, o), classifyFile({ kind: 'file', op: 'write', path: dst }, o)];
      const findings = ends.flatMap((r) => r.findings).map((f) => (f.risk === 'destructive' || f.risk === 'unknown' ? { ...f, rule: f.rule.replace(/^file\.write/, 'file.move'), effect: 'move-file' } : { ...f, rule: 'file.move', effect: 'move-file', explanation: f.explanation.replace(/^write/, 'move') }));
      return fromFindings(findings, `move_file ${src} -> ${dst}`);
    }
  }
  return null;
}

function missing(tool: string, arg: string): RiskReport {
  return bad(`${tool} needs a "${arg}" argument (a non-empty string).`);
}

function bad(message: string): RiskReport {
  return { risk: 'unknown', summary: message, findings: [], error: { code: 'E_BAD_INPUT', message } };
}

function fromOne(f: Finding): RiskReport {
  return { risk: f.risk, summary: f.explanation, findings: [f] };
}

function fromFindings(findings: Finding[], what: string): RiskReport {
  let risk: Risk = 'readonly';
  for (const f of findings) risk = maxRisk(risk, f.risk);
  const worst = findings.find((f) => f.risk === risk);
  return { risk, summary: `${what}: ${worst ? worst.explanation : risk}`, findings };
}

function wrap(label: string, r: RiskReport): RiskReport {
  return { ...r, summary: `${label}: ${r.summary}` };
}
