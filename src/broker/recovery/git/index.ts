// Git: before a force push, branch delete, reset --hard, checkout/restore of files or clean, the
// refs are recorded (git for-each-ref) and what would be lost is kept as objects under
// refs/countersign/<request-id>/ in the repository itself: uncommitted work as a stash-like commit
// (git stash create), untracked files as a commit of their own, a remote branch's old commit
// fetched before it is overwritten. Rollback puts refs, working files and remote branches back.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CountersignError, type Action, type RiskReport } from '../../../core/index.js';
import { parseCommand } from '../command/parse.js';
import { mustRun, runProc } from '../proc.js';
import type { PartRecord, RecoveryKind, RestoreCtx, TakeCtx } from '../types.js';
import { gitOps, type GitOp } from './ops.js';

const EFFECTS = new Set(['rewrite-remote-history', 'delete-remote-ref', 'delete-branch', 'discard-uncommitted-work', 'delete-untracked-files']);
const ID = ['-c', 'user.name=Countersign', '-c', 'user.email=countersign@localhost'];

type Remote = { remote: string; branch: string; sha: string | null };
type RepoData = { repo: string; head: { ref: string | null; sha: string | null }; branches: { ref: string; sha: string }[]; stash: string | null; untracked: string | null; remotes: Remote[]; ops: string[]; deleted: string[] };

const DESCRIBE = {
  restorable: 'local branches and HEAD, uncommitted changes (staged and unstaged), untracked files a clean removed, and remote branches a push overwrote or deleted (pushed back)',
  notRestorable: 'commits other people fetched or built on after the push, stashes, hooks or configuration, and anything the remote itself discarded before the push-back',
};

const git = (repo: string, args: string[], env: Record<string, string>, input?: string): Promise<string> => mustRun('git', ['-C', repo, ...ID, ...args], { env, ...(input !== undefined ? { input } : {}) });

export const gitKind: RecoveryKind = {
  name: 'git',
  applies(action: Action, report: RiskReport): boolean {
    return action.kind === 'shell' && report.findings.some((f) => f.tool === 'git' && EFFECTS.has(f.effect));
  },
  async take(ctx: TakeCtx): Promise<PartRecord | null> {
    const a = ctx.request.action;
    if (a.kind !== 'shell') return null;
    const { ops, unresolved } = gitOps(parseCommand(a.command, ctx.cwd, ctx.env['HOME']));
    if (!ops.length) {
      if (!unresolved.length) return null;
      throw new CountersignError('E_RECOVERY_FAILED', `Countersign could not read which refs this git command changes (${unresolved.join('; ')}).`);
    }
    const env = ctx.env;
    const repos: RepoData[] = [];
    for (const op of ops) {
      const top = (await git(op.repo, ['rev-parse', '--show-toplevel'], env)).trim();
      let d = repos.find((r) => r.repo === top);
      if (!d) {
        const headRef = (await runProc('git', ['-C', top, 'symbolic-ref', '-q', 'HEAD'], { env })).stdout.trim() || null;
        const headSha = (await runProc('git', ['-C', top, 'rev-parse', '-q', '--verify', 'HEAD'], { env })).stdout.trim() || null;
        const refs = await git(top, ['for-each-ref', '--format=%(objectname) %(refname)'], env);
        writeFileSync(join(ctx.dir, `refs-${repos.length}.txt`), refs);
        const branches = refs.split('\n').filter((l) => l.includes(' refs/heads/')).map((l) => ({ sha: l.split(' ')[0]!, ref: l.split(' ')[1]! }));
        d = { repo: top, head: { ref: headRef, sha: headSha }, branches, stash: null, untracked: null, remotes: [], ops: [], deleted: [] };
        repos.push(d);
      }
      await takeOp(d, op, ctx);
    }
    const what = repos.flatMap((r) => [
      `refs of ${r.repo} (HEAD ${r.head.ref ?? 'detached'} at ${r.head.sha?.slice(0, 12) ?? 'none'})`,
      ...(r.stash ? [`uncommitted changes as ${r.stash.slice(0, 12)} (refs/countersign/${ctx.request.id}/stash)`] : []),
      ...(r.untracked ? [`untracked files as ${r.untracked.slice(0, 12)} (refs/countersign/${ctx.request.id}/untracked)`] : []),
      ...r.remotes.map((x) => `${x.remote} ${x.branch} was ${x.sha ? x.sha.slice(0, 12) : 'absent'}`),
    ]);
    return { kind: 'git', what, data: { repos }, ...DESCRIBE, ...(unresolved.length ? { incomplete: unresolved } : {}) };
  },
  async verify(part: PartRecord, _dir: string, env: Record<string, string>): Promise<void> {
    for (const r of (part.data as { repos: RepoData[] }).repos) {
      const shas = [r.stash, r.untracked, ...r.remotes.map((x) => x.sha), ...(r.ops.includes('discard') ? [r.head.sha] : [])].filter((s): s is string => !!s);
      for (const s of shas) {
        const ok = await runProc('git', ['-C', r.repo, 'cat-file', '-e', `${s}^{commit}`], { env });
        if (ok.code !== 0) throw new CountersignError('E_RECOVERY_CORRUPT', `Commit ${s} of the recovery point is no longer in ${r.repo} (was refs/countersign/* deleted or the repository garbage-collected?).`);
      }
    }
  },
  async restore(ctx: RestoreCtx): Promise<void> {
    for (const r of (ctx.part.data as { repos: RepoData[] }).repos) await restoreRepo(r, ctx);
  },
  describe: () => DESCRIBE,
};

async function takeOp(d: RepoData, op: GitOp, ctx: TakeCtx): Promise<void> {
  const env = ctx.env;
  const keep = (name: string, sha: string): Promise<string> => git(d.repo, ['update-ref', `refs/countersign/${ctx.request.id}/${name}`, sha], env);
  if (!d.ops.includes(op.op)) d.ops.push(op.op);
  if (op.op === 'branch-delete') d.deleted.push(...op.branches.map((b) => `refs/heads/${b}`));
  if (op.op === 'discard' && d.stash === null) {
    const s = (await git(d.repo, ['stash', 'create', `countersign: before ${ctx.request.id}`], env)).trim();
    if (s) await keep('stash', (d.stash = s));
  } else if (op.op === 'clean' && d.untracked === null) {
    const which = op.ignored === 'only' ? ['--ignored', '--exclude-standard'] : op.ignored === 'also' ? [] : ['--exclude-standard'];
    const list = await git(d.repo, ['ls-files', '--others', '-z', ...which], env);
    if (!list) return;
    const tmp = mkdtempSync(join(tmpdir(), 'cs-git-'));
    const idx = join(tmp, 'index');
    try {
      const e = { ...env, GIT_INDEX_FILE: idx };
      await git(d.repo, ['update-index', '--add', '-z', '--stdin'], e, list);
      const tree = (await git(d.repo, ['write-tree'], e)).trim();
      const commit = (await git(d.repo, ['commit-tree', tree, '-m', `countersign: untracked files before ${ctx.request.id}`], env)).trim();
      await keep('untracked', (d.untracked = commit));
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  } else if (op.op === 'push') {
    let branches = op.branches;
    let remote = op.remote;
    if (branches === 'current') {
      const b = d.head.ref?.replace(/^refs\/heads\//, '');
      if (!b) throw new CountersignError('E_RECOVERY_FAILED', 'The push names no branch and HEAD is detached; name the branch so Countersign knows what to keep.');
      const merge = (await runProc('git', ['-C', d.repo, 'config', `branch.${b}.merge`], { env })).stdout.trim();
      remote ??= (await runProc('git', ['-C', d.repo, 'config', `branch.${b}.remote`], { env })).stdout.trim() || 'origin';
      branches = [merge.replace(/^refs\/heads\//, '') || b];
    }
    remote ??= 'origin';
    for (const br of branches) {
      const line = (await git(d.repo, ['ls-remote', remote, `refs/heads/${br}`], env)).trim();
      const sha = line ? line.split(/\s/)[0]! : null;
      // Fetched now, so the old commit is here even when nobody had it locally.
      if (sha) await git(d.repo, ['fetch', '--no-tags', '-q', remote, `+refs/heads/${br}:refs/countersign/${ctx.request.id}/remote/${br}`], env);
      d.remotes.push({ remote, branch: br, sha });
    }
  }
}

async function restoreRepo(r: RepoData, ctx: RestoreCtx): Promise<void> {
  const env = ctx.env;
  if (r.ops.includes('branch-delete')) {
    for (const b of r.branches.filter((x) => r.deleted.includes(x.ref))) {
      const now = (await runProc('git', ['-C', r.repo, 'rev-parse', '-q', '--verify', b.ref], { env })).stdout.trim();
      if (now !== b.sha) {
        await git(r.repo, ['update-ref', b.ref, b.sha], env);
        ctx.say(`${b.ref} -> ${b.sha.slice(0, 12)}`);
      }
    }
  }
  if (r.ops.includes('discard') && r.head.sha) {
    if (r.head.ref) {
      await git(r.repo, ['symbolic-ref', 'HEAD', r.head.ref], env);
      await git(r.repo, ['update-ref', r.head.ref, r.head.sha], env);
    }
    await git(r.repo, ['reset', '-q', '--hard', r.head.sha], env);
    ctx.say(`HEAD ${r.head.ref ?? ''} -> ${r.head.sha.slice(0, 12)}`);
    if (r.stash) {
      const withIndex = await runProc('git', ['-C', r.repo, ...ID, 'stash', 'apply', '-q', '--index', r.stash], { env });
      if (withIndex.code !== 0) await git(r.repo, ['stash', 'apply', '-q', r.stash], env);
      ctx.say('uncommitted changes re-applied');
    }
  }
  if (r.ops.includes('clean') && r.untracked) {
    const tmp = mkdtempSync(join(tmpdir(), 'cs-git-'));
    const idx = join(tmp, 'index');
    try {
      const e = { ...env, GIT_INDEX_FILE: idx };
      await git(r.repo, ['read-tree', `${r.untracked}^{tree}`], e);
      await git(r.repo, ['checkout-index', '-a', '-f'], e);
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
    ctx.say('untracked files put back');
  }
  for (const x of r.remotes) {
    if (!x.sha) {
      ctx.say(`${x.remote} ${x.branch} did not exist before; left as it is`);
      continue;
    }
    await git(r.repo, ['push', '-q', '--force', x.remote, `${x.sha}:refs/heads/${x.branch}`], env);
    ctx.say(`${x.remote} ${x.branch} -> ${x.sha.slice(0, 12)} (pushed back)`);
  }
}
