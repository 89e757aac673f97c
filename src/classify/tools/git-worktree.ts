// git rules about the working tree: commands that throw away uncommitted work (which exists
// nowhere else, so losing it is destructive) versus the ones that only move the index or HEAD.
import { has, parseArgs } from './argv.js';
import { looksLikePath, parseGit } from './git-parse.js';
import { carried } from './table.js';
import type { Invocation, RuleHit, ToolRule } from './types.js';

const hit = (target: string, explanation?: string): RuleHit => ({ target, ...(explanation ? { explanation } : {}) });

// `git checkout --conflict merge main`: several checkout options take an optional value that
// people write as a separate word; drop it so it is not counted as a pathspec.
const OPTIONAL_VALUES = new Set(['merge', 'diff3', 'zdiff3', 'direct', 'inherit', 'checkout', 'on-demand']);
function dropOptionalValues(rest: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i] ?? '';
    out.push(a);
    if ((a === '--conflict' || a === '--track' || a === '--recurse-submodules') && OPTIONAL_VALUES.has(rest[i + 1] ?? '')) i++;
  }
  return out;
}

function checkoutDiscards(inv: Invocation): RuleHit | null {
  const g = parseGit(inv);
  if (g.sub === 'checkout-index') {
    return g.rest.some((a) => a === '-f' || a === '--force' || /^-[a-z]*f/.test(a)) ? hit('working tree', 'git checkout-index --force overwrites working-tree files') : null;
  }
  if (g.sub !== 'checkout') return null;
  const p = parseArgs(dropOptionalValues(g.rest), { valued: ['-b', '-B', '--orphan', '-U', '--unified', '--inter-hunk-context'] });
  if (has(p, '-f', '--force')) return hit('working tree', 'git checkout --force throws away local changes');
  if (has(p, '--pathspec-from-file')) return hit('paths from file', 'git checkout of paths overwrites their uncommitted changes');
  const paths = p.pos.slice(p.afterDashDash);
  const before = p.pos.slice(0, p.afterDashDash);
  const creates = has(p, '-b', '-B', '--orphan');
  // Without "--", git takes the first word as the commit and the rest as paths.
  const extra = creates ? before.slice(1) : before.slice(1);
  const all = [...extra, ...paths];
  if (all.length > 0) return hit(all.join(' '), `git checkout of ${all.join(' ')} overwrites uncommitted changes there`);
  if (!creates && before.length === 1 && looksLikePath(before[0] ?? '')) return hit(before[0] ?? '', `git checkout ${before[0]} overwrites uncommitted changes`);
  return null;
}

export const GIT_WORKTREE_RULES: ToolRule[] = [
  {
    id: 'git.reset-hard', risk: 'destructive', effect: 'discard-uncommitted-work',
    explain: 'git reset --hard throws away uncommitted changes in the working tree',
    test: (inv) => {
      const g = parseGit(inv);
      if (g.sub !== 'reset') return null;
      const mode = g.rest.find((a) => a === '--hard' || a === '--merge');
      return mode ? hit(g.rest.find((a) => !a.startsWith('-')) ?? 'HEAD', `git reset ${mode} discards uncommitted changes`) : null;
    },
    examples: { match: ['git reset --hard', 'git reset --hard origin/main', 'git -C ../app reset --merge HEAD~1', 'git --no-pager -c core.x=y reset -q --hard'], no_match: ['git reset HEAD~1', 'git reset --soft HEAD~2', 'git reset --keep v1'] },
  },
  {
    id: 'git.checkout-discard', risk: 'destructive', effect: 'discard-uncommitted-work',
    explain: 'git checkout of paths (or --force) overwrites uncommitted changes',
    test: checkoutDiscards,
    examples: {
      match: ['git checkout -- .', 'git checkout -f main', 'git checkout-index -a -f', 'git checkout HEAD -- src/app.ts', 'git checkout main config.yml', 'git checkout .', 'git checkout -- -f'],
      no_match: ['git checkout main', 'git checkout -b feature/x', 'git checkout --conflict merge main', 'git checkout -', 'git checkout --orphan pages'],
    },
  },
  {
    id: 'git.switch-discard', risk: 'destructive', effect: 'discard-uncommitted-work',
    explain: 'git switch --discard-changes / --force throws away local changes',
    test: (inv) => {
      const g = parseGit(inv);
      if (g.sub !== 'switch') return null;
      const p = parseArgs(g.rest, { valued: ['-c', '-C', '--create', '--force-create', '--orphan'] });
      return has(p, '-f', '--force', '--discard-changes') ? hit(p.pos[0] ?? 'working tree') : null;
    },
    examples: { match: ['git switch -f main', 'git switch --discard-changes release'], no_match: ['git switch main', 'git switch -c topic', 'git switch -- -f'] },
  },
  {
    id: 'git.restore-worktree', risk: 'destructive', effect: 'discard-uncommitted-work',
    explain: 'git restore of working-tree files overwrites their uncommitted changes',
    test: (inv) => {
      const g = parseGit(inv);
      if (g.sub !== 'restore') return null;
      const p = parseArgs(g.rest, { valued: ['-s', '--source', '--pathspec-from-file', '--conflict'] });
      const staged = has(p, '-S', '--staged');
      const worktree = has(p, '-W', '--worktree');
      if (staged && !worktree) return null;
      return p.pos.length > 0 || has(p, '--pathspec-from-file') ? hit(p.pos.join(' ')) : null;
    },
    examples: { match: ['git restore .', 'git restore src/index.ts', 'git restore --staged --worktree notes.md', 'git restore -W a.txt'], no_match: ['git restore --staged .', 'git restore --help'] },
  },
  {
    id: 'git.clean', risk: 'destructive', effect: 'delete-untracked-files',
    explain: 'git clean -f deletes untracked files, which exist nowhere else',
    test: (inv) => {
      const g = parseGit(inv);
      if (g.sub !== 'clean') return null;
      const p = parseArgs(g.rest, { valued: ['-e', '--exclude'] });
      if (has(p, '-n', '--dry-run')) return null;
      return has(p, '-f', '--force') ? hit(p.pos.join(' ') || '.', `git clean ${g.rest.join(' ')} deletes untracked files`) : null;
    },
    examples: { match: ['git clean -fd', 'git clean -fdx', 'git clean --force src/'], no_match: ['git clean -n', 'git clean -nd', 'git clean --dry-run -x'] },
  },
  {
    id: 'git.worktree-force-remove', risk: 'destructive', effect: 'discard-uncommitted-work',
    explain: 'removes a worktree together with its uncommitted changes',
    test: (inv) => {
      const g = parseGit(inv);
      if (g.sub !== 'worktree' || g.rest[0] !== 'remove') return null;
      const p = parseArgs(g.rest.slice(1));
      return has(p, '-f', '--force') ? hit(p.pos.join(' ')) : null;
    },
    examples: { match: ['git worktree remove --force ../wt-old', 'git worktree remove -f /tmp/wt'], no_match: ['git worktree remove ../wt-old', 'git worktree remove -- -f'] },
  },
  {
    id: 'git.rm-force', risk: 'destructive', effect: 'discard-uncommitted-work',
    explain: 'git rm --force deletes files even when they have uncommitted changes',
    test: (inv) => {
      const g = parseGit(inv);
      if (g.sub !== 'rm') return null;
      const p = parseArgs(g.rest, { valued: ['--pathspec-from-file'] });
      return has(p, '-f', '--force') && !has(p, '--cached', '-n', '--dry-run') ? hit(p.pos.join(' ')) : null;
    },
    examples: { match: ['git rm -rf src/legacy'], no_match: ['git rm --cached secrets.env', 'git rm old.txt'] },
  },
  {
    id: 'git.submodule-deinit', risk: 'destructive', effect: 'discard-uncommitted-work',
    explain: 'forced submodule deinit removes submodule working trees with their local changes',
    test: (inv) => {
      const g = parseGit(inv);
      if (g.sub !== 'submodule' || g.rest[0] !== 'deinit') return null;
      return g.rest.some((a) => a === '-f' || a === '--force') ? hit(g.rest.slice(1).filter((a) => !a.startsWith('-')).join(' ') || 'all submodules') : null;
    },
    examples: { match: ['git submodule deinit -f --all'], no_match: ['git submodule update --init'] },
  },
  {
    id: 'git.submodule-foreach', risk: 'unknown', effect: 'run-command',
    explain: 'runs a shell command in every submodule',
    test: (inv, ctx) => {
      const g = parseGit(inv);
      if (g.sub !== 'submodule' || g.rest[0] !== 'foreach') return null;
      const cmd = g.rest.slice(1).filter((a, i, all) => !(a.startsWith('--') && i < all.length - 1));
      const r = ctx.shell(cmd.join(' '));
      return carried(r.findings.length > 0 ? r.findings : [{ rule: 'git.submodule-foreach', risk: r.risk, effect: 'run-command', explanation: r.summary }], 'git submodule foreach');
    },
    examples: { match: ["git submodule foreach 'git reset --hard'", 'git submodule foreach git status'], no_match: ['git submodule status'] },
  },
];
