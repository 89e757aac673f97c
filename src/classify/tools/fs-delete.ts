// Deleting files: rm, unlink, rmdir, shred.
// Decision (issue 2): a recursive delete is judged by where it points. Build and cache dirs
// (node_modules, dist, target, ...) and temp dirs are regenerable, so mutating; the working
// directory itself, anything escaping it, home, system paths and any other recursive delete of a
// source dir may take uncommitted work with it, so destructive. A single relative file (`rm a.txt`)
// is routine (mutating); a file in a system directory is destructive.
import { has, parseArgs } from './argv.js';
import { classifyPath, isHomeRoot, isPrecious, type PathInfo } from './paths.js';
import { defineLocalTable, perInvocation } from './table.js';
import type { Invocation, RuleHit, ToolTable } from './types.js';

type Target = PathInfo & { raw: string };

const rmTargets = perInvocation((inv: Invocation): { recursive: boolean; targets: Target[]; noRoot: boolean } => {
  const p = parseArgs(inv.args);
  // rimraf and del-cli delete recursively without being asked to.
  const recursive = has(p, '-r', '-R', '--recursive') || inv.name === 'rimraf' || inv.name === 'del-cli' || inv.name === 'del';
  // Positional indexes are those of non-option args; map back to the walker's dynamic flags.
  const targets: Target[] = [];
  let seenDashDash = false;
  inv.args.forEach((a, i) => {
    if (!seenDashDash && a === '--') {
      seenDashDash = true;
      return;
    }
    if (!seenDashDash && a.startsWith('-') && a !== '-') return;
    targets.push({ raw: a, ...classifyPath(a, inv.dynamic[i] ?? false, inv.cwd) });
  });
  return { recursive, targets, noRoot: has(p, '--no-preserve-root') };
});

function describe(t: Target): string {
  switch (t.cls) {
    case 'root': return 'the whole file system';
    case 'home': return isHomeRoot(t.norm) ? `a home directory (${t.raw})` : `a path in a home directory (${t.raw})`;
    case 'system': return `a system path (${t.norm})`;
    case 'cwd': return 'everything in the working directory';
    case 'parent': return `a path outside the working directory (${t.raw})`;
    case 'outside': return `an absolute path outside the workspace (${t.norm})`;
    default: return `a source directory that may hold uncommitted work (${t.raw})`;
  }
}

function recursivePrecious(inv: Invocation): RuleHit | null {
  const { recursive, targets, noRoot } = rmTargets(inv);
  if (!recursive && !noRoot) return null;
  const t = targets.find((x) => isPrecious(x.cls));
  if (!t) return null;
  return { target: t.raw, explanation: `recursive delete of ${describe(t)}` };
}

function recursiveDynamic(inv: Invocation): RuleHit | null {
  const { recursive, targets } = rmTargets(inv);
  if (!recursive) return null;
  const t = targets.find((x) => x.cls === 'dynamic');
  return t ? { target: t.raw, explanation: `recursive delete of a computed path (${t.raw}) that cannot be judged before it runs` } : null;
}

function systemFile(inv: Invocation): RuleHit | null {
  const { targets } = rmTargets(inv);
  const t = targets.find((x) => x.cls === 'system' || x.cls === 'root');
  return t ? { target: t.norm, explanation: `deletes ${describe(t)}` } : null;
}

function regenerable(inv: Invocation): RuleHit | null {
  const { recursive, targets } = rmTargets(inv);
  if (!recursive || targets.length === 0) return null;
  if (!targets.every((t) => t.cls === 'build' || t.cls === 'temp')) return null;
  return { target: targets.map((t) => t.raw).join(' '), explanation: 'recursive delete of build, cache or temp directories, which are regenerable' };
}

export const RM_TABLE: ToolTable = defineLocalTable({
  name: 'rm',
  commands: ['rm', 'unlink', 'rimraf', 'del-cli'],
  rules: [
    {
      id: 'rm.recursive-precious', risk: 'destructive', effect: 'delete-files',
      explain: 'recursive delete of data that is not cheaply regenerated',
      test: recursivePrecious,
      examples: {
        match: ['rm -rf /', 'rm -rf ~', 'rimraf src', 'rm -fr $HOME/projects', 'rm -r -f /etc', 'rm -rf .', 'rm -rf *', 'rm -rf ../other', 'rm -rf src', 'rm --recursive /home/alice', 'rm -rf /tmp/../etc'],
        no_match: ['rm -rf node_modules', 'rm -rf ./dist ./coverage', 'rm -rf /tmp/scratch', 'rm notes.txt', 'rm -rf $TMPDIR/out', 'rm --help'],
      },
    },
    {
      id: 'rm.recursive-dynamic', risk: 'unknown', effect: 'delete-files',
      explain: 'recursive delete of a path computed at run time',
      test: recursiveDynamic,
      examples: { match: ['rm -rf "$TARGET_DIR"', 'rm -rf `pwd`/x'], no_match: ['rm -rf "$HOME/.cache"', 'rm -f "$ONE_FILE"'] },
    },
    {
      id: 'rm.system-file', risk: 'destructive', effect: 'delete-files',
      explain: 'deletes a file the operating system depends on',
      test: systemFile,
      examples: { match: ['rm /etc/passwd', 'unlink /usr/bin/python3', 'rm -f /boot/vmlinuz'], no_match: ['rm old.log', 'rm -f /tmp/lock'] },
    },
    {
      id: 'rm.regenerable', risk: 'mutating', effect: 'delete-files',
      explain: 'recursive delete of regenerable build, cache or temp directories',
      test: regenerable,
      examples: { match: ['rm -rf node_modules dist', 'rm -rf /var/tmp/cache', 'rm -rf ./target/debug', 'rimraf dist'], no_match: ['rm -rf src', 'rm a.txt'] },
    },
  ],
  // Non-recursive deletes of ordinary files are routine; `rm` with no operand does nothing.
  fallback: (inv) => (inv.args.some((a) => !a.startsWith('-')) ? 'mutating' : 'readonly'),
});

export const RMDIR_TABLE: ToolTable = defineLocalTable({
  name: 'rmdir',
  commands: ['rmdir'],
  rules: [],
  // rmdir only removes empty directories: nothing is lost.
  fallback: 'mutating',
});

export const SHRED_TABLE: ToolTable = defineLocalTable({
  name: 'shred',
  commands: ['shred'],
  rules: [
    {
      id: 'shred.overwrite', risk: 'destructive', effect: 'destroy-data',
      explain: 'overwrites file contents so they can never be recovered',
      test: (inv) => {
        const t = inv.args.find((a) => !a.startsWith('-'));
        return t !== undefined ? { target: t } : null;
      },
      examples: { match: ['shred -u secrets.txt', 'shred -n 3 -z /dev/sdb'], no_match: ['shred --help', 'shred'] },
    },
  ],
  fallback: 'readonly',
});
