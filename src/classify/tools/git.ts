// The git table: history/ref rules, working-tree rules, and a fallback that knows which
// subcommands only read. Anything else git does (commit, merge, rebase, pull, fetch, add, tag,
// commit --amend, ...) changes local state recoverably: mutating.
import { GIT_EXEC_RULES } from './git-exec.js';
import { GIT_HISTORY_RULES } from './git-history.js';
import { parseGit, READ_ONLY_SUBS } from './git-parse.js';
import { GIT_WORKTREE_RULES } from './git-worktree.js';
import { defineLocalTable } from './table.js';
import type { Risk } from '../../core/index.js';
import type { Invocation, ToolTable } from './types.js';

// Subcommands that read unless given arguments that write.
function readOnlyForm(sub: string, rest: string[]): boolean {
  const pos = rest.filter((a) => !a.startsWith('-'));
  switch (sub) {
    case 'branch':
      return pos.length === 0 || rest.some((a) => /^(-a|-r|-l|--list|--all|--remotes|-v|-vv|--show-current|--contains|--merged|--no-merged)$/.test(a)) && !rest.some((a) => /^-[dDmMcCf]|^--(delete|move|copy|force|set-upstream|unset-upstream|edit-description)/.test(a));
    case 'tag':
      return pos.length === 0 || rest.some((a) => a === '-l' || a === '--list' || a === '-v' || a === '--verify');
    case 'remote':
      return pos.length === 0 || ['show', 'get-url'].includes(pos[0] ?? '');
    case 'stash':
      return ['list', 'show'].includes(pos[0] ?? '');
    case 'reflog':
      return pos.length === 0 || ['show', 'exists'].includes(pos[0] ?? '') || !['expire', 'delete'].includes(pos[0] ?? '');
    case 'config':
      return rest.some((a) => /^(--get|--get-all|--get-regexp|--list|-l|--get-urlmatch|--show-origin|--show-scope)$/.test(a)) || ['get', 'list'].includes(pos[0] ?? '') || (pos.length === 1 && !rest.some((a) => /^--(unset|add|replace|remove|rename|edit)/.test(a)) && !['set', 'unset', 'edit', 'rename-section', 'remove-section'].includes(pos[0] ?? ''));
    case 'worktree':
      return pos[0] === 'list';
    case 'submodule':
      return pos.length === 0 || ['status', 'summary'].includes(pos[0] ?? '');
    case 'notes':
      return pos.length === 0 || ['list', 'show'].includes(pos[0] ?? '');
    case 'bisect':
      return ['log', 'view', 'visualize'].includes(pos[0] ?? '');
    case 'lfs':
      return ['ls-files', 'status', 'env', 'version', 'logs', 'track'].includes(pos[0] ?? '') && !(pos[0] === 'track' && pos.length > 1);
    case 'push':
      return rest.some((a) => a === '--dry-run' || /^-[a-zA-Z]*n/.test(a) && !a.startsWith('--'));
    case 'clean':
      return rest.some((a) => a === '--dry-run' || /^-[a-zA-Z]*n/.test(a) && !a.startsWith('--'));
    case 'apply':
      return rest.some((a) => a === '--check' || a === '--stat' || a === '--numstat' || a === '--summary') && !rest.includes('--apply');
    default:
      return false;
  }
}

function gitFallback(inv: Invocation): Risk {
  const g = parseGit(inv);
  if (g.sub === '') return 'readonly';
  if (READ_ONLY_SUBS.has(g.sub)) return 'readonly';
  return readOnlyForm(g.sub, g.rest) ? 'readonly' : 'mutating';
}

export const GIT_TABLE: ToolTable = defineLocalTable({
  name: 'git',
  commands: ['git'],
  // Help is asked before the subcommand (`git --help`) or as its own flag (`git push --help`);
  // a "--help" that is the value of another option (`git commit -m --help`) is not help.
  helpScope: (inv) => {
    const g = parseGit(inv);
    if (g.sub === '--help' || g.sub === '-h' || g.sub === 'help') return ['--help'];
    const i = inv.args.indexOf(g.sub);
    const before = i < 0 ? inv.args : inv.args.slice(0, i);
    return [...before, ...g.rest.filter((a, k) => (a === '--help' || a === '-h') && !['-m', '--message', '-F', '--file', '-e', '--grep'].includes(g.rest[k - 1] ?? ''))];
  },
  rules: [
    ...GIT_HISTORY_RULES,
    ...GIT_WORKTREE_RULES,
    ...GIT_EXEC_RULES,
    {
      // An alias defined on the command line runs whatever it says, e.g. `-c alias.x='!rm -rf ~'`.
      id: 'git.inline-alias', risk: 'unknown', effect: 'run-command',
      explain: 'a command-line alias or hook setting can run arbitrary shell commands',
      test: (inv, ctx) => {
        const g = parseGit(inv);
        const shellAlias = g.config.map((c) => /^alias\.[^=]+=!(.*)$/s.exec(c)?.[1]).find((x) => x !== undefined);
        if (shellAlias !== undefined) {
          const r = ctx.shell(shellAlias);
          return { risk: r.risk === 'readonly' ? 'mutating' : r.risk, explanation: `git alias runs: ${r.summary}` };
        }
        if (g.config.some((c) => /^core\.(hookspath|sshcommand|pager|editor|fsmonitor)=|^(ssh|pager|sequence)\.|^diff\..*\.textconv=|^protocol\.ext\.allow=always/i.test(c))) return true;
        // Transport programs named on the command line run locally: --upload-pack, --receive-pack.
        const transport = g.rest.find((a) => /^--(upload-pack|receive-pack|exec)(=|$)/.test(a) || (g.sub === 'clone' && a === '-u'));
        return transport ? { explanation: `git ${g.sub} ${transport} runs a program named on the command line` } : null;
      },
      examples: { match: ["git -c alias.nuke='!rm -rf /' nuke", 'git -c core.sshCommand=./x.sh fetch', "git clone --upload-pack='touch /tmp/x' ../repo"], no_match: ['git -c user.name=bot commit -m wip', 'git clone https://example.com/r.git'] },
    },
  ],
  fallback: gitFallback,
});
