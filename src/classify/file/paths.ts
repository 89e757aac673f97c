// Path knowledge for file actions: which places an agent must never write to on its own (its
// guard's and its host's settings, git internals, system and home files) and which directories
// are regenerated builds. Kept as data so the rules read as a list, not as code.

/** Paths relative to the workspace (or anywhere below it) that switch guards off or rewrite history.
 * Case-insensitive: on macOS and Windows `.Claude/Settings.json` is the same file. */
export const PROTECTED: { pattern: RegExp; what: string }[] = [
  { pattern: /(^|\/)\.git\/./i, what: "git's internals (hooks, config, refs, objects)" },
  { pattern: /(^|\/)\.claude\/settings[^/]*\.json$/i, what: "Claude Code's settings (its hooks and permissions)" },
  { pattern: /(^|\/)\.claude\/hooks\//i, what: "Claude Code's hook scripts" },
  { pattern: /(^|\/)\.claude\.json$/i, what: "Claude Code's user configuration (MCP servers, trust)" },
  { pattern: /(^|\/)\.cursor\/(hooks\.json|mcp\.json|cli\.json|cli-config\.json)$/i, what: "Cursor's hooks, permissions and MCP settings" },
  { pattern: /(^|\/)\.gemini\/settings\.json$/i, what: "Gemini CLI's settings" },
  { pattern: /(^|\/)\.codex\//i, what: "Codex's configuration" },
  { pattern: /(^|\/)\.kiro\//i, what: "Kiro's configuration and hooks" },
  { pattern: /(^|\/)\.mcp\.json$/i, what: 'the MCP server list agents load' },
  { pattern: /(^|\/)countersign\.ya?ml$/i, what: "Countersign's own configuration" },
  { pattern: /(^|\/)\.countersign(\/|$)/i, what: "Countersign's own state" },
  { pattern: /(^|\/)\.(bashrc|bash_profile|profile|zshrc|zprofile|zshenv|netrc|npmrc|pypirc|gitconfig)$/i, what: 'a shell or credentials dotfile' },
  { pattern: /(^|\/)\.(ssh|aws|kube|gnupg|docker|config\/gcloud)\//i, what: 'keys or cloud credentials' },
];

/** System locations: never a workspace, even when an agent claims `/` as its cwd. */
export const SYSTEM = /^\/(etc|usr|bin|sbin|lib|lib32|lib64|libx32|boot|sys|proc|dev|root|var|opt)(\/|$)/;

/** Scratch places outside the workspace where writing loses nothing. */
export const SCRATCH = [/^\/tmp\//, /^\/var\/tmp\//, /^\/dev\/null$/];

/** Directory names that hold regenerated output: deleting inside them is routine. */
export const BUILD_DIRS = new Set([
  'node_modules', 'dist', 'build', 'out', 'target', 'coverage', '.cache', '__pycache__', '.pytest_cache',
  '.mypy_cache', '.next', '.nuxt', '.turbo', '.parcel-cache', '.gradle', '.tox', '.venv', 'venv', 'tmp', '.tmp',
]);

/** POSIX normalisation without node:path so the rule is easy to read: "." and ".." resolved. */
export function normalise(path: string, cwd?: string): string {
  const abs = path.startsWith('/') ? path : `${cwd ?? ''}/${path}`;
  const out: string[] = [];
  for (const seg of abs.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') out.pop();
    else out.push(seg);
  }
  return (abs.startsWith('/') ? '/' : '') + out.join('/');
}
