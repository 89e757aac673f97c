// git forms that run a program or write a file although the subcommand "only reads":
// configuration whose value is a command (`-c diff.external=cmd`, `git config core.fsmonitor cmd`,
// which a later `git status` runs), options that name a command (`difftool -x`, `rebase -x`,
// `grep -O`, `bisect run`) and options that write a file (`log --output=f`, `archive -o f`).
import type { Risk, RiskReport } from '../../core/index.js';
import { parseGit } from './git-parse.js';
import type { Invocation, RuleHit, ToolContext, ToolRule } from './types.js';
import { protectedHit } from './write-guard.js';

type KeyKind = 'command' | 'code';

// Keys are matched lower-cased: git treats section and variable names case-insensitively.
const COMMAND_KEYS: readonly [RegExp, KeyKind][] = [
  [/^core\.(pager|editor|sshcommand|askpass|gitproxy|alternaterefscommand|fsmonitor)$/, 'command'],
  [/^(diff\.external|diff\..+\.(command|textconv)|difftool\..+\.cmd|mergetool\..+\.cmd|merge\..+\.driver|filter\..+\.(clean|smudge|process))$/, 'command'],
  [/^(credential(\..+)?\.helper|sequence\.editor|gpg(\..+)?\.program|pager\..+|interactive\.difffilter|uploadpack\.packobjectshook)$/, 'command'],
  [/^(remote\..+\.(uploadpack|receivepack|proxy)|web\.browser|browser\..+\.cmd|man\..+\.cmd|sendemail\.sendmailcmd|alias\..+)$/, 'command'],
  // Hooks and included files are code and configuration the classifier cannot see.
  [/^(core\.hookspath|include\.path|includeif\..+\.path|core\.worktree|protocol\.ext\.allow|protocol\.allow)$/, 'code'],
];

const BOOLEAN = /^(true|false|yes|no|on|off|0|1|)$/i;
const RANK = { readonly: 0, mutating: 1, unknown: 2, destructive: 3 } as const;

/** What setting `key` to `value` makes git run: null when it runs nothing. */
function commandOf(key: string, value: string | null, ctx: ToolContext): { risk: Risk; why: string } | null {
  const k = key.toLowerCase();
  const kind = COMMAND_KEYS.find(([re]) => re.test(k))?.[1];
  if (kind === undefined) return null;
  if (value === null) return { risk: 'unknown', why: `${key} is set from a value the classifier cannot see` };
  if (k.startsWith('alias.') && !value.startsWith('!')) return null; // an alias of a git subcommand
  if ((k.startsWith('pager.') || k === 'core.fsmonitor') && BOOLEAN.test(value)) return null;
  if (k.startsWith('protocol.')) return value === 'always' ? { risk: 'unknown', why: `${key}=always lets remote URLs run local programs` } : null;
  // `credential.helper store` names git's own helper; `!cmd` or a path is a program.
  if (/^credential(\..+)?\.helper$/.test(k) && !value.startsWith('!') && !value.startsWith('/')) return null;
  if (kind === 'code') return { risk: 'unknown', why: `${key}=${value} makes git load hooks or configuration the classifier cannot see` };
  const r: RiskReport = ctx.shell(value.replace(/^!/, ''));
  return { risk: r.risk, why: `${key} runs: ${r.summary}` };
}

/** `-c k=v` and `--config-env k=ENV` given before the subcommand. */
function inlineConfig(inv: Invocation): [string, string | null][] {
  const out: [string, string | null][] = parseGit(inv).config.map((c) => {
    const eq = c.indexOf('=');
    return eq < 0 ? [c, 'true'] : [c.slice(0, eq), c.slice(eq + 1)];
  });
  const sub = parseGit(inv).sub;
  for (let i = 0; i < inv.args.length && inv.args[i] !== sub; i++) {
    const a = inv.args[i] ?? '';
    const v = a === '--config-env' ? inv.args[i + 1] : a.startsWith('--config-env=') ? a.slice(13) : undefined;
    if (v !== undefined) out.push([v.slice(0, Math.max(0, v.indexOf('='))) || v, null]);
  }
  return out;
}

function worst(found: ({ risk: Risk; why: string } | null)[]): RuleHit | null {
  let w: { risk: Risk; why: string } | null = null;
  for (const f of found) if (f && (!w || RANK[f.risk] > RANK[w.risk])) w = f;
  // A command that only reads (`core.pager=cat`) adds nothing to what git itself does.
  return w && w.risk !== 'readonly' ? { risk: w.risk, explanation: w.why } : null;
}

const CONFIG_VALUED = new Set(['-f', '--file', '--blob', '--type', '--default', '--comment', '--value', '--url']);

/** `git config [scope] KEY VALUE` and `git config set KEY VALUE`: the key and value it sets. */
function configSet(rest: readonly string[]): [string, string] | null {
  const pos: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i] ?? '';
    if (/^--(get|unset|list|remove|rename|edit|show)/.test(a) || a === '-l' || a === '-e') return null;
    if (CONFIG_VALUED.has(a)) i++;
    else if (!a.startsWith('-')) pos.push(a);
  }
  if (pos[0] === 'set') pos.shift();
  const [key, value] = pos;
  return key !== undefined && value !== undefined ? [key, value] : null;
}

// Options of subcommands whose value is a command line, and those whose value is a file written.
const EXEC_OPTIONS: Readonly<Record<string, readonly string[]>> = {
  difftool: ['-x', '--extcmd'], rebase: ['-x', '--exec'], grep: ['-O', '--open-files-in-pager'], 'submodule-foreach': [],
};
const OUTPUT_OPTIONS: Readonly<Record<string, readonly string[]>> = {
  log: ['--output'], diff: ['--output'], show: ['--output'], 'diff-tree': ['--output'], 'diff-files': ['--output'], 'diff-index': ['--output'],
  whatchanged: ['--output'], 'range-diff': ['--output'], archive: ['-o', '--output'], 'format-patch': ['-o', '--output-directory'],
};

/** Values of `names` among args: `--opt=v`, `--opt v`, `-o v`, `-ov`. grep's -O takes only an attached value. */
function values(args: readonly string[], names: readonly string[], attachedOnly = false): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i] ?? '';
    if (a === '--') break;
    for (const n of names) {
      if (a === n && !attachedOnly && args[i + 1] !== undefined) out.push(args[i + 1] ?? '');
      else if (n.startsWith('--') && a.startsWith(`${n}=`)) out.push(a.slice(n.length + 1));
      else if (!n.startsWith('--') && a.startsWith(n) && a.length > 2 && !a.startsWith('--')) out.push(a.slice(2));
    }
  }
  return out;
}

export const GIT_EXEC_RULES: ToolRule[] = [
  {
    id: 'git.config-command', risk: 'unknown', effect: 'run-command',
    explain: 'a configuration value given on the command line is a command git runs',
    test: (inv, ctx) => worst(inlineConfig(inv).map(([k, v]) => commandOf(k, v, ctx))),
    examples: {
      match: ["git -c diff.external='rm -rf ~' diff", "git -c core.pager='rm -rf ~' log", 'git --config-env=core.editor=ED commit', "git -c filter.x.smudge='sh x.sh' checkout ."],
      no_match: ['git -c user.name=bot commit -m wip', 'git -c core.pager=cat log', 'git -c pager.log=false log', 'git -c credential.helper=store fetch'],
    },
  },
  {
    // A later `git status` or `git log` runs what this stores, with nobody looking at it then.
    id: 'git.config-sets-command', risk: 'unknown', effect: 'store-command',
    explain: 'stores a command in git configuration that later git commands run',
    test: (inv, ctx) => {
      const g = parseGit(inv);
      if (g.sub !== 'config') return null;
      const kv = configSet(g.rest);
      const hit = kv ? commandOf(kv[0], kv[1], ctx) : null;
      if (!hit) return null;
      return { risk: hit.risk === 'destructive' ? 'destructive' : 'unknown', target: kv![0], explanation: `git config ${kv![0]}: every later git command that uses it runs it (${hit.why})` };
    },
    examples: {
      match: ["git config core.fsmonitor 'rm -rf ~'", 'git config --global core.hooksPath /tmp/hooks', "git config alias.st '!sh -c x'", "git config set core.pager 'sh x.sh'"],
      no_match: ['git config user.name bot', 'git config --get core.pager', 'git config alias.st status', 'git config --global credential.helper store'],
    },
  },
  {
    id: 'git.exec-option', risk: 'unknown', effect: 'run-command',
    explain: 'a git option runs a command named on the command line',
    test: (inv, ctx) => {
      const g = parseGit(inv);
      const cmds = g.sub === 'bisect' && g.rest[0] === 'run' ? [g.rest.slice(1).join(' ')]
        : g.sub === 'submodule' && g.rest.includes('foreach') ? [g.rest.slice(g.rest.indexOf('foreach') + 1).filter((a) => a !== '--recursive' && a !== '-q' && a !== '--quiet').join(' ')]
        : values(g.rest, EXEC_OPTIONS[g.sub] ?? [], g.sub === 'grep');
      return worst(cmds.filter((c) => c.trim() !== '').map((c) => {
        const r = ctx.shell(c);
        return { risk: r.risk, why: `git ${g.sub} runs "${c}": ${r.summary}` };
      }));
    },
    examples: {
      match: ["git difftool -x 'rm -rf ~' HEAD", "git difftool --extcmd='rm -rf ~'", "git rebase -x 'rm -rf ~' main", "git grep -O'rm -rf ~' foo", 'git bisect run rm -rf ~', "git submodule foreach 'rm -rf ~'"],
      no_match: ['git difftool HEAD~1', 'git grep -n foo', 'git bisect good', "git rebase -x 'git log -1' main"],
    },
  },
  {
    id: 'git.output-file', risk: 'mutating', effect: 'write-file',
    explain: 'git writes its output to a file',
    test: (inv) => {
      const g = parseGit(inv);
      const files = values(g.rest, OUTPUT_OPTIONS[g.sub] ?? []);
      if (files.length === 0) return null;
      return protectedHit(inv, files) ?? { target: files[0] ?? '', explanation: `git ${g.sub} writes ${files.join(', ')}` };
    },
    examples: {
      match: ['git log --output=changes.txt', 'git archive -o out.tar HEAD', 'git format-patch -o patches HEAD~3', 'git diff --output ~/.bashrc'],
      no_match: ['git log --oneline', 'git archive HEAD', 'git format-patch --stdout HEAD~1'],
    },
  },
];
