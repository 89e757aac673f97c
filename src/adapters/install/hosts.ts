// Where each host keeps its hook configuration and what Countersign's entry looks like there.
// Timeouts: each host's own hook timeout is set explicitly, above the hook's wait for approvals,
// because every host lets the tool call run when a hook times out.
import type { HostName } from '../types.js';
import { section, upsertFlat, upsertNested, type Json } from './merge.js';

export type InstallOptions = {
  /** The command line that runs the hook, e.g. `'/opt/countersign/bin/countersign' hook cursor`. */
  command: string;
  /** Server base URL (for the http hook). */
  url: string;
  kind: 'command' | 'http';
  /** The host's hook timeout, seconds. */
  timeoutS: number;
  /** Kiro: the custom agent's name. */
  agent: string;
};

export type HostInstall = {
  /** Path relative to the project directory (project scope) or the home directory (user scope). */
  file(opts: InstallOptions): string;
  /** A starting config when the file does not exist. */
  fresh(opts: InstallOptions): Json;
  merge(cfg: Json, opts: InstallOptions): void;
  /** One line per hook written, for the report. */
  describe(opts: InstallOptions): string[];
  kinds: readonly ('command' | 'http')[];
};

export const CLAUDE_MATCHER = 'Bash|Write|Edit|MultiEdit|NotebookEdit|mcp__.*';
export const GEMINI_MATCHER = 'run_shell_command|write_file|replace|mcp_.*';
export const CODEX_MATCHER = 'Bash|apply_patch|mcp__.*';
export const CURSOR_TOOLS = ['Write', 'StrReplace', 'Edit', 'MultiEdit', 'Delete'];
const STATUS = 'Countersign: checking policy';

export const INSTALLS: Record<HostName, HostInstall> = {
  'claude-code': {
    kinds: ['command', 'http'],
    file: () => '.claude/settings.json',
    fresh: () => ({}),
    merge(cfg, o) {
      const handler: Json =
        o.kind === 'http'
          ? { type: 'http', url: `${o.url.replace(/\/+$/, '')}/v1/hooks/claude-code`, headers: { Authorization: 'Bearer $COUNTERSIGN_TOKEN' }, allowedEnvVars: ['COUNTERSIGN_TOKEN'], timeout: o.timeoutS, onFailure: 'block', statusMessage: STATUS }
          : { type: 'command', command: o.command, timeout: o.timeoutS, onFailure: 'block', statusMessage: STATUS };
      upsertNested(section(cfg, 'hooks'), 'PreToolUse', CLAUDE_MATCHER, handler, 'claude-code');
    },
    describe: (o) => [`hooks.PreToolUse[matcher "${CLAUDE_MATCHER}"]: ${o.kind === 'http' ? `http hook ${o.url.replace(/\/+$/, '')}/v1/hooks/claude-code` : `command hook \`${o.command}\``}, timeout ${o.timeoutS} s, onFailure "block"`],
  },
  cursor: {
    kinds: ['command'],
    file: () => '.cursor/hooks.json',
    fresh: () => ({ version: 1 }),
    merge(cfg, o) {
      if (cfg['version'] === undefined) cfg['version'] = 1;
      const hooks = section(cfg, 'hooks');
      const entry = (matcher?: string): Json => ({ command: o.command, timeout: o.timeoutS, failClosed: true, ...(matcher ? { matcher } : {}) });
      upsertFlat(hooks, 'beforeShellExecution', [entry()], 'cursor');
      upsertFlat(hooks, 'beforeMCPExecution', [entry()], 'cursor');
      upsertFlat(hooks, 'preToolUse', CURSOR_TOOLS.map(entry), 'cursor');
    },
    describe: (o) => [
      `hooks.beforeShellExecution: \`${o.command}\`, timeout ${o.timeoutS} s, failClosed`,
      `hooks.beforeMCPExecution: \`${o.command}\`, timeout ${o.timeoutS} s, failClosed`,
      `hooks.preToolUse (matchers ${CURSOR_TOOLS.join(', ')}): \`${o.command}\`, timeout ${o.timeoutS} s, failClosed`,
    ],
  },
  gemini: {
    kinds: ['command'],
    file: () => '.gemini/settings.json',
    fresh: () => ({}),
    merge(cfg, o) {
      upsertNested(section(cfg, 'hooks'), 'BeforeTool', GEMINI_MATCHER, { type: 'command', command: o.command, timeout: o.timeoutS * 1000, name: 'countersign' }, 'gemini');
    },
    describe: (o) => [`hooks.BeforeTool[matcher "${GEMINI_MATCHER}"]: \`${o.command}\`, timeout ${o.timeoutS * 1000} ms`],
  },
  codex: {
    kinds: ['command'],
    file: () => '.codex/hooks.json',
    fresh: () => ({}),
    merge(cfg, o) {
      upsertNested(section(cfg, 'hooks'), 'PreToolUse', CODEX_MATCHER, { type: 'command', command: o.command, timeout: o.timeoutS, statusMessage: STATUS }, 'codex');
    },
    describe: (o) => [`hooks.PreToolUse[matcher "${CODEX_MATCHER}"]: \`${o.command}\`, timeout ${o.timeoutS} s`],
  },
  kiro: {
    kinds: ['command'],
    file: (o) => `.kiro/agents/${o.agent}.json`,
    fresh: (o) => ({ name: o.agent, description: 'Kiro agent whose tool calls Countersign decides', tools: ['*'] }),
    merge(cfg, o) {
      upsertFlat(section(cfg, 'hooks'), 'preToolUse', [{ matcher: '*', command: o.command, timeout_ms: o.timeoutS * 1000 }], 'kiro');
    },
    describe: (o) => [`hooks.preToolUse[matcher "*"]: \`${o.command}\`, timeout_ms ${o.timeoutS * 1000}`],
  },
};
