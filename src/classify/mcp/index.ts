// MCP tool calls {kind:'mcp', server, tool, arguments}, classified by what the tool does:
// - a shell command or SQL text in the arguments is classified as that (the text is the effect);
// - the filesystem server's writes and moves are file actions, judged by path like an agent host's
//   Write tool (outside the workspace, .git, agent settings, Countersign's config: destructive);
// - known reading tools are readonly, deleting tools destructive;
// - anything else is `unknown`: a tool nobody described is for the policy to decide, never "safe".
import type { Action, Finding, McpAction, Risk, RiskReport } from '../../core/index.js';
import { maxRisk } from '../../core/index.js';
import { classifyFile } from '../file/index.js';
import {
  ADDING_TOOLS, CHANGING_WORD, DESTRUCTIVE_PREFIXES, DIALECT_HINTS, READONLY_PREFIXES, READONLY_TOOLS,
  SHELL_ARGS, SQL_ARGS, SQL_QUERY_NAME,
} from './tools.js';

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
  const carried = carriedText(name, server, args);
  if (carried) reports.push(opts.classify(carried));
  const named = byName(name, server, tool);
  if (reports.length === 0) return wrap(label, named);
  // A reading name never lowers what the text says; a deleting name raises it.
  if (named.risk === 'destructive' || named.risk === 'mutating') reports.push(named);
  return wrap(label, worst(reports));
}

function byName(name: string, server: string, tool: string): RiskReport {
  if (READONLY_TOOLS.has(name) || (READONLY_PREFIXES.some((p) => name.startsWith(p)) && !CHANGING_WORD.test(name.slice(name.indexOf('_') + 1)))) {
    return fromOne({ rule: 'mcp.read', risk: 'readonly', effect: 'read', target: `${server}/${tool}`, explanation: `${tool} only reads`, tool: 'mcp' });
  }
  if (DESTRUCTIVE_PREFIXES.some((p) => name.startsWith(p))) {
    return fromOne({ rule: 'mcp.delete', risk: 'destructive', effect: 'delete-data', target: `${server}/${tool}`, explanation: `${tool} deletes what the server holds; it is not regenerated`, tool: 'mcp' });
  }
  if (ADDING_TOOLS.has(name)) {
    return fromOne({ rule: 'mcp.add', risk: 'mutating', effect: 'add-data', target: `${server}/${tool}`, explanation: `${tool} adds to what the server holds`, tool: 'mcp' });
  }
  return fromOne({ rule: 'mcp.unknown-tool', risk: 'unknown', effect: 'call-tool', target: `${server}/${tool}`, explanation: `${tool} is not a tool Countersign knows; the policy decides`, tool: 'mcp' });
}

function worst(reports: RiskReport[]): RiskReport {
  if (reports.length === 1) return reports[0]!;
  let top = reports[0]!;
  for (const r of reports) if (maxRisk(top.risk, r.risk) !== top.risk) top = r;
  const error = reports.find((r) => r.error)?.error;
  return { risk: top.risk, summary: top.summary, findings: reports.flatMap((r) => r.findings), ...(error ? { error } : {}) };
}

/** A shell command or SQL statement in the arguments, as the action it really is. */
function carriedText(name: string, server: string, args: Args): Action | null {
  for (const k of SQL_ARGS) if (typeof args[k] === 'string') return { kind: 'sql', sql: args[k] as string, dialect: dialectOf(server, name) };
  for (const k of SHELL_ARGS) {
    const v = args[k];
    if (typeof v === 'string') return { kind: 'shell', command: v };
    // Some servers take argv; quoting keeps each word one word for the shell parser.
    if (Array.isArray(v) && v.length > 0 && v.every((w) => typeof w === 'string')) return { kind: 'shell', command: (v as string[]).map(quote).join(' ') };
  }
  if (typeof args['query'] === 'string' && (SQL_QUERY_NAME.test(name) || SQL_QUERY_NAME.test(server))) return { kind: 'sql', sql: args['query'], dialect: dialectOf(server, name) };
  return null;
}

function dialectOf(server: string, tool: string): NonNullable<Extract<Action, { kind: 'sql' }>['dialect']> {
  for (const [re, d] of DIALECT_HINTS) if (re.test(server) || re.test(tool)) return d;
  return 'postgresql';
}

function quote(w: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(w) ? w : `'${w.replace(/'/g, `'\\''`)}'`;
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
