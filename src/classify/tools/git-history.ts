// git rules about history and refs: pushes that rewrite or delete remote history, branch and
// stash deletion, history rewriting and the commands that make lost objects unrecoverable.
import { has, parseArgs } from './argv.js';
import { parseGit } from './git-parse.js';
import type { Invocation, RuleHit, ToolRule } from './types.js';

const PUSH_VALUED = ['--repo', '--receive-pack', '--exec', '-o', '--push-option'];

function push(inv: Invocation): { force?: string; del?: string; where: string } | null {
  const g = parseGit(inv);
  if (g.sub !== 'push') return null;
  const p = parseArgs(g.rest, { valued: PUSH_VALUED });
  if (has(p, '-n', '--dry-run')) return null;
  const refs = p.pos.slice(1);
  const keys = [...p.opts.keys()];
  // --force-with-lease only checks the remote has not moved since we fetched; it still overwrites
  // the commits that are there, so it rewrites remote history like --force.
  const lease = keys.find((k) => k.startsWith('--force-with-lease'));
  const force = has(p, '-f', '--force') ? '--force' : lease ?? refs.find((r) => r.startsWith('+'));
  const del = has(p, '-d', '--delete') ? refs.join(' ') || '--delete' : has(p, '--mirror') ? '--mirror' : has(p, '--prune') ? '--prune' : refs.find((r) => r.startsWith(':') && r.length > 1);
  // What is overwritten: the refspecs named, else the remote's current branch.
  const where = refs.length > 0 ? `${p.pos[0] ?? ''} ${refs.join(' ')}` : (p.pos[0] ?? "the current branch's upstream");
  return { ...(force !== undefined ? { force } : {}), ...(del !== undefined ? { del } : {}), where };
}

function sub2(inv: Invocation, sub: string): { verb: string; rest: string[] } | null {
  const g = parseGit(inv);
  if (g.sub !== sub) return null;
  const i = g.rest.findIndex((a) => !a.startsWith('-'));
  return { verb: i < 0 ? '' : (g.rest[i] ?? ''), rest: g.rest };
}

const hit = (target: string, explanation?: string): RuleHit => ({ target, ...(explanation ? { explanation } : {}) });

export const GIT_HISTORY_RULES: ToolRule[] = [
  {
    id: 'git.push-force', risk: 'destructive', effect: 'rewrite-remote-history',
    explain: 'a forced push overwrites commits on the remote that others may have',
    test: (inv) => {
      const r = push(inv);
      return r?.force ? hit(r.where, `git push ${r.force} overwrites remote history of ${r.where}`) : null;
    },
    examples: {
      match: ['git push --force origin main', 'git push -f', 'git push origin +main', 'git push --force-with-lease origin feature', 'git -C repo push -uf origin dev'],
      no_match: ['git push origin main', 'git push -u origin feature', 'git log --force', 'git push --dry-run --force origin main'],
    },
  },
  {
    id: 'git.push-delete', risk: 'destructive', effect: 'delete-remote-ref',
    explain: 'the push deletes branches or tags on the remote',
    test: (inv) => {
      const r = push(inv);
      return r?.del ? hit(r.del, `git push deletes remote refs (${r.del})`) : null;
    },
    examples: { match: ['git push origin --delete old-branch', 'git push origin :release', 'git push --mirror backup', 'git push -d origin v1.0'], no_match: ['git push origin release', 'git push --tags'] },
  },
  {
    // A plain push only adds commits, but it publishes them: named so a policy can hold pushes
    // to protected branches (`finding: git.push`, `target: "* main"`).
    id: 'git.push', risk: 'mutating', effect: 'push-remote',
    explain: 'pushes commits to a remote',
    test: (inv) => {
      const r = push(inv);
      return r && !r.force && !r.del ? hit(r.where, `git push to ${r.where}`) : null;
    },
    examples: { match: ['git push origin main', 'git push'], no_match: ['git push --force', 'git push --dry-run origin main', 'git pull'] },
  },
  {
    id: 'git.branch-force-delete', risk: 'destructive', effect: 'delete-branch',
    explain: 'deletes or moves a branch even when its commits are not merged anywhere',
    test: (inv) => {
      const g = parseGit(inv);
      if (g.sub !== 'branch') return null;
      const p = parseArgs(g.rest, { valued: ['-u', '--set-upstream-to', '--contains', '--no-contains', '--merged', '--no-merged', '--points-at', '--format', '--sort', '--color', '--column'] });
      const del = has(p, '-d', '--delete');
      const force = has(p, '-f', '--force');
      if (has(p, '-D') || (del && force)) return hit(p.pos.join(' '), `git branch -D deletes ${p.pos.join(' ') || 'a branch'} even if unmerged`);
      if (has(p, '-M', '-C') || (force && !del && p.pos.length > 0)) return hit(p.pos.join(' '), 'forcibly moves or overwrites an existing branch, dropping the commits it pointed at');
      return null;
    },
    examples: { match: ['git branch -D feature/old', 'git branch --delete --force spike', 'git branch -f main HEAD~3', 'git branch -M main'], no_match: ['git branch -d merged-topic', 'git branch -a', 'git branch new-topic'] },
  },
  {
    id: 'git.stash-drop', risk: 'destructive', effect: 'delete-stash',
    explain: 'drops stashed work, which is then only recoverable by hand until gc',
    test: (inv) => {
      const s = sub2(inv, 'stash');
      return s && (s.verb === 'drop' || s.verb === 'clear') ? hit(`stash ${s.verb}`) : null;
    },
    examples: { match: ['git stash drop', 'git stash drop stash@{2}', 'git stash clear'], no_match: ['git stash', 'git stash pop', 'git stash list'] },
  },
  {
    id: 'git.rewrite-history', risk: 'destructive', effect: 'rewrite-history',
    explain: 'rewrites every commit of the repository history',
    test: (inv) => {
      const g = parseGit(inv);
      if (g.sub !== 'filter-branch' && g.sub !== 'filter-repo') return null;
      return g.rest.some((a) => a === '--analyze' || a === '--dry-run') ? null : hit(g.sub);
    },
    examples: { match: ["git filter-branch --tree-filter 'rm -f secrets.txt' HEAD", 'git filter-repo --path src/ --force'], no_match: ['git filter-repo --analyze'] },
  },
  {
    id: 'git.expire-objects', risk: 'destructive', effect: 'destroy-unreachable-objects',
    explain: 'expires reflogs or prunes unreachable objects now, removing the last way back to lost commits',
    test: (inv) => {
      const g = parseGit(inv);
      const now = (a: string) => /^--(expire|expire-unreachable|prune)=(now|all|0)/.test(a);
      if (g.sub === 'reflog') {
        const s = sub2(inv, 'reflog');
        if (s?.verb === 'delete') return hit('reflog', 'deletes reflog entries');
        if (s?.verb === 'expire' && g.rest.some((a) => /^--expire(-unreachable)?=(now|all|0)/.test(a))) return hit('reflog');
        return null;
      }
      if (g.sub === 'gc') return g.rest.some(now) && !g.rest.some((a) => a === '--prune=never') ? hit('objects') : null;
      if (g.sub === 'prune') return g.rest.some((a) => a === '-n' || a === '--dry-run') ? null : hit('objects');
      return null;
    },
    examples: {
      match: ['git reflog expire --expire=now --all', 'git gc --prune=now', 'git prune', 'git reflog delete HEAD@{1}'],
      no_match: ['git gc', 'git reflog', 'git prune --dry-run', 'git reflog expire'],
    },
  },
  {
    id: 'git.delete-ref', risk: 'destructive', effect: 'delete-ref',
    explain: 'deletes a ref directly, bypassing the safety checks of git branch',
    test: (inv) => {
      const g = parseGit(inv);
      return g.sub === 'update-ref' && g.rest.some((a) => a === '-d' || a === '--delete') ? hit(g.rest.filter((a) => !a.startsWith('-')).join(' ')) : null;
    },
    examples: { match: ['git update-ref -d refs/heads/main'], no_match: ['git update-ref refs/heads/tmp HEAD'] },
  },
];
