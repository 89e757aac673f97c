// Where a path points, for the tables that delete, overwrite or re-permission files. Pure string
// work: the classifier never touches the file system, so "inside the workspace" means relative to
// the working directory (or under the known cwd), and ".." escapes are resolved before judging.

export type PathClass =
  | 'root' // "/" or everything directly under it ("/*")
  | 'home' // a home directory or anything in one that is not a build/cache dir
  | 'system' // /etc, /usr, /var (not /var/tmp), /boot, /dev, ... and macOS equivalents
  | 'temp' // /tmp, /var/tmp, $TMPDIR and below
  | 'build' // a build or cache directory (node_modules, dist, target, ...) or something in one
  | 'cwd' // the working directory itself: ".", "*", ".*", "./"
  | 'parent' // escapes the working directory with ".."
  | 'workspace' // a relative path inside the working directory
  | 'outside' // another absolute path we know nothing about
  | 'dynamic'; // holds an expansion we cannot resolve

export const BUILD_DIRS: ReadonlySet<string> = new Set([
  'node_modules', 'dist', 'build', 'target', 'out', '.cache', '__pycache__', 'coverage', '.next',
  '.nuxt', '.turbo', '.parcel-cache', '.pytest_cache', '.mypy_cache', '.ruff_cache', '.tox',
  '.gradle', '.nyc_output', '.svelte-kit', '.angular', '.eslintcache', 'bower_components', 'tmp',
  '.tmp', 'temp', '.venv', 'venv', '.terraform', 'cmake-build-debug', 'cmake-build-release',
  '.dart_tool', '.expo', '.vite', 'storybook-static', 'htmlcov', '.hypothesis', 'DerivedData',
  '.npm', '_cacache', '.pnpm-store', '.yarn-cache', '.m2', '.ivy2', 'Caches', 'go-build', '.bundle',
]);

const SYSTEM_TOP: ReadonlySet<string> = new Set([
  'etc', 'usr', 'bin', 'sbin', 'lib', 'lib32', 'lib64', 'libx32', 'boot', 'dev', 'proc', 'sys',
  'var', 'opt', 'srv', 'root', 'snap', 'run', 'mnt', 'media', 'System', 'Library', 'Applications',
  'Volumes', 'private', 'nix', 'efi',
]);
const HOME_TOP: ReadonlySet<string> = new Set(['home', 'Users']);

// Variables whose meaning is conventional enough to judge a path by.
const KNOWN_VARS: readonly [RegExp, string][] = [
  [/^\$\{?HOME(?:[:?-][^}]*)?\}?(?=\/|$)/, '~'],
  [/^\$\{?TMPDIR(?::-[^}]*)?\}?(?=\/|$)/, '/tmp'],
  [/^\$\{?(?:TMP|TEMP)\}?(?=\/|$)/, '/tmp'],
  [/^\$\{?(?:PWD)\}?(?=\/|$)/, '.'],
  [/^\$\{?(?:RUNNER_TEMP)\}?(?=\/|$)/, '/tmp'],
];

/** Collapse "." and ".." segments; returns the segments and how many ".." escaped the start. */
function collapse(parts: string[]): { segs: string[]; escapes: number } {
  const segs: string[] = [];
  let escapes = 0;
  for (const p of parts) {
    if (p === '' || p === '.') continue;
    if (p === '..') {
      if (segs.length > 0) segs.pop();
      else escapes++;
      continue;
    }
    segs.push(p);
  }
  return { segs, escapes };
}

// A trailing glob ("x/*", "x/.*") stands for the contents of x, which is judged like x itself.
function dropTrailingGlob(segs: string[]): string[] {
  const out = [...segs];
  while (out.length > 0 && /^\.?\*+$/.test(out[out.length - 1] ?? '')) out.pop();
  return out;
}

function classifyAbsolute(segs: string[]): PathClass {
  const s = dropTrailingGlob(segs);
  const top = s[0];
  if (top === undefined) return 'root';
  if (s.some((x) => /[*?[]/.test(x)) && s.length === 1) return 'root';
  if (top === 'tmp' || (top === 'var' && s[1] === 'tmp') || (top === 'private' && (s[1] === 'tmp' || (s[1] === 'var' && s[2] === 'folders'))) || (top === 'dev' && s[1] === 'shm')) return 'temp';
  if (HOME_TOP.has(top) || top === 'root') {
    // A build dir below a home directory (~/proj/node_modules) is as regenerable as anywhere.
    if (top !== 'root' && s.length > 2 && s.slice(2).some((x) => BUILD_DIRS.has(x))) return 'build';
    return top === 'root' ? 'system' : 'home';
  }
  if (SYSTEM_TOP.has(top)) return 'system';
  if (s.some((x) => BUILD_DIRS.has(x))) return 'build';
  return 'outside';
}

const isBuild = (x: string) => BUILD_DIRS.has(x) || /\.egg-info$/.test(x);
// Files that tools regenerate or leave behind: logs, bytecode, objects, editor and patch debris.
const DEBRIS = /(\.(log|tmp|pyc|pyo|o|obj|class|bak|swp|swo|orig|rej|tsbuildinfo)|^\.DS_Store|^Thumbs\.db)$/;

function classifyRelative(segs: string[]): PathClass {
  const s = dropTrailingGlob(segs);
  if (s.length === 0) return 'cwd';
  if (s.some(isBuild)) return 'build';
  if (DEBRIS.test(s[s.length - 1] ?? '')) return 'build';
  return 'workspace';
}

export type PathInfo = { cls: PathClass; norm: string };

/**
 * Judge one path argument. `dynamic` is the walker's flag that the word holds an expansion it could
 * not resolve; conventional variables ($HOME, $TMPDIR) are still judged by what they stand for.
 */
export function classifyPath(raw: string, dynamic = false, cwd?: string): PathInfo {
  let p = raw.trim();
  if (p.startsWith('$')) for (const [re, rep] of KNOWN_VARS) p = p.replace(re, rep);
  // After known variables are replaced, anything still computed cannot be judged, except
  // "$SOME_DIR/node_modules": whatever the prefix, the last segment names a build or cache dir.
  if (/\$|`/.test(p) || (dynamic && /\$|`/.test(raw) && p === raw)) {
    const m = /^\$(?:[A-Za-z_][A-Za-z0-9_]*|\{[A-Za-z_][A-Za-z0-9_]*\})\/([^$`]+)$/.exec(p);
    const segs = m ? (m[1] ?? '').split('/').filter((x) => x !== '' && x !== '.') : [];
    const last = segs[segs.length - 1];
    if (m && !segs.includes('..') && last !== undefined && isBuild(last)) return { cls: 'build', norm: raw };
    return { cls: 'dynamic', norm: raw };
  }
  if (p === '') return { cls: 'dynamic', norm: raw };
  if (p === '~' || p.startsWith('~/') || /^~[A-Za-z0-9_.-]+(\/|$)/.test(p)) {
    const rest = p.replace(/^~[^/]*/, '');
    const { segs } = collapse(rest.split('/'));
    if (segs.some((x) => BUILD_DIRS.has(x))) return { cls: 'build', norm: p };
    return { cls: 'home', norm: p };
  }
  if (p.startsWith('/')) {
    const { segs } = collapse(p.split('/'));
    const norm = `/${segs.join('/')}`;
    if (cwd && cwd.startsWith('/')) {
      const c = collapse(cwd.split('/')).segs;
      if (safeWorkspace(c) && segs.length >= c.length && c.every((x, i) => segs[i] === x)) {
        return { cls: classifyRelative(segs.slice(c.length)), norm };
      }
    }
    return { cls: classifyAbsolute(segs), norm };
  }
  const { segs, escapes } = collapse(p.split('/'));
  if (cwd && cwd.startsWith('/')) {
    const c = collapse(cwd.split('/')).segs;
    const abs = collapse([...c, ...p.split('/')]).segs;
    const absCls = classifyAbsolute(abs);
    // A relative path from "/" or a home directory lands on system or personal files.
    if (!safeWorkspace(c)) return { cls: absCls, norm: `/${abs.join('/')}` };
    // A workspace checked out under /tmp/ci or ~/out is still someone's project: below it a path
    // is judged by its own segments (`rm -rf src` there is not "regenerable" because the cwd's
    // name is), and deleting `.` or `*` removes the project wherever it lives.
  }
  if (escapes > 0) return { cls: 'parent', norm: p };
  return { cls: classifyRelative(segs), norm: p };
}

// A cwd that is itself "/", a system dir or a bare home directory is not a workspace.
function safeWorkspace(c: string[]): boolean {
  if (c.length === 0) return false;
  const cls = classifyAbsolute(c);
  if (cls === 'home') return c.length > 2;
  // An app checked out under /opt, /srv, /mnt or /var/www is a workspace like any other.
  if (cls === 'system') return c.length > 1 && (['opt', 'srv', 'mnt', 'media', 'data'].includes(c[0] ?? '') || (c[0] === 'var' && c[1] === 'www' && c.length > 2));
  return cls !== 'root';
}

// Where the operating system keeps its programs, configuration and package state. Writing a file
// there replaces part of the system; /srv, /opt or /mnt hold data a copy may routinely add to.
const OS_TOP: ReadonlySet<string> = new Set(['etc', 'usr', 'bin', 'sbin', 'lib', 'lib32', 'lib64', 'libx32', 'boot', 'dev', 'proc', 'sys', 'root', 'System', 'Library', 'efi', 'nix']);

/** True when a path (already classified as root/system) is part of the operating system itself. */
export function isOsPath(info: PathInfo): boolean {
  if (info.cls === 'root') return true;
  if (info.cls !== 'system') return false;
  const segs = info.norm.split('/').filter(Boolean);
  const top = segs[0] ?? '';
  if (OS_TOP.has(top)) return true;
  if (top === 'var') return segs[1] === 'lib' || segs[1] === 'spool' || segs.length === 1;
  if (top === 'private') return segs[1] === 'etc' || segs[1] === 'var';
  return false;
}

/** "~", "$HOME", "/home/ann", "/Users/ann": a whole home directory, not something inside one. */
export function isHomeRoot(norm: string): boolean {
  return /^~[^/]*\/?$/.test(norm) || /^\/(home|Users)\/[^/]+\/?$/.test(norm) || /^\/(home|Users)\/?$/.test(norm);
}

/** Classes where losing the contents is not cheaply undone. */
export function isPrecious(cls: PathClass): boolean {
  return cls !== 'temp' && cls !== 'build' && cls !== 'dynamic';
}

/** Classes that hold the operating system or someone's home: changing them is never routine. */
export function isSystemWide(cls: PathClass): boolean {
  return cls === 'root' || cls === 'system' || cls === 'home';
}
