// Splits a git command line into global options, the subcommand and its arguments, the way git
// itself does: `git -C repo -c k=v --no-pager reset --hard` runs `reset --hard`.
import { perInvocation } from './table.js';
import type { Invocation } from './types.js';

export type GitCall = {
  /** Subcommand ("" when none, e.g. `git --version`). */
  sub: string;
  rest: string[];
  /** Values of -c options: a `-c alias.x=!cmd` can turn any subcommand into a shell command. */
  config: string[];
};

const GLOBAL_VALUED = new Set(['-C', '-c', '--git-dir', '--work-tree', '--namespace', '--exec-path', '--super-prefix', '--config-env', '--list-cmds', '--attr-source']);

export const parseGit = perInvocation((inv: Invocation): GitCall => {
  const a = inv.args;
  const config: string[] = [];
  let i = 0;
  while (i < a.length) {
    const t = a[i] ?? '';
    if (t === '--') {
      i++;
      break;
    }
    if (!t.startsWith('-')) break;
    if (GLOBAL_VALUED.has(t)) {
      if (t === '-c') config.push(a[i + 1] ?? '');
      i += 2;
      continue;
    }
    // Attached forms: -Crepo, -cfoo=bar, --git-dir=x.
    if (t.startsWith('-c') && !t.startsWith('--')) config.push(t.slice(2));
    i++;
  }
  return { sub: a[i] ?? '', rest: a.slice(i + 1), config };
});

// Branch names may contain dots (release-1.x); only a common source-file extension marks a path.
const FILE_EXT = /\.(ts|tsx|js|jsx|mjs|cjs|json|md|txt|py|go|rs|java|kt|rb|php|c|h|cc|cpp|hpp|cs|swift|sh|sql|yml|yaml|toml|ini|cfg|conf|env|lock|css|scss|html|xml|vue|svelte|lua|csv|gradle|tf|proto|graphql)$/i;

/** A pathspec-looking word: ".", a glob, or a name with a file extension. */
export function looksLikePath(w: string): boolean {
  // A branch name cannot end in "/", so "src/" is a directory.
  return w === '.' || w === '..' || w === '*' || w.startsWith(':/') || w.startsWith('./') || w.startsWith('../') || w.endsWith('/') || /[*?]/.test(w) || FILE_EXT.test(w);
}

export const READ_ONLY_SUBS = new Set([
  'status', 'log', 'diff', 'show', 'blame', 'annotate', 'describe', 'rev-parse', 'rev-list', 'ls-files',
  'ls-tree', 'ls-remote', 'shortlog', 'grep', 'cat-file', 'help', 'version', 'whatchanged', 'count-objects',
  'fsck', 'check-ignore', 'check-attr', 'check-ref-format', 'name-rev', 'merge-base', 'for-each-ref',
  'show-ref', 'show-branch', 'var', 'cherry', 'range-diff', 'difftool', 'verify-commit', 'verify-tag',
  'instaweb', 'archive', 'bundle', 'format-patch', 'request-pull', 'diff-tree', 'diff-files', 'diff-index',
  'get-tar-commit-id', 'hash-object', 'interpret-trailers', 'mktree', 'column', 'credential', 'bugreport',
  'remote-show', '--help', '-h', '--version', '-v', '--html-path', '--man-path',
  '--info-path', '--exec-path',
]);
