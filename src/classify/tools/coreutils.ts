// Everyday tools that only read (ls, cat, grep, ...), and the few that routinely write (mkdir,
// touch, sed -i, sort -o). Text that merely mentions a scary command (`grep 'rm -rf' x`) is an
// argument here, never a command: the walker hands these tables words, not scripts.
import { has, parseArgs, vals } from './argv.js';
import { execOptionRule } from './exec-options.js';
import { defineLocalTable } from './table.js';
import { protectedPathRule } from './write-guard.js';
import { READER_RULES } from './reader-risks.js';
import { scanSed } from './sed-script.js';
import { protectedHit } from './write-guard.js';
import type { Invocation, ToolTable } from './types.js';

const READERS = [
  'ls', 'cat', 'tac', 'head', 'tail', 'less', 'more', 'most', 'grep', 'egrep', 'fgrep', 'rg', 'ag', 'ack',
  'wc', 'uniq', 'cut', 'tr', 'echo', 'printf', 'pwd', 'which', 'whereis', 'type', 'hash', 'test', '[', '[[',
  'true', 'false', 'sleep', 'date', 'whoami', 'id', 'groups', 'uname', 'hostname', 'stat', 'file', 'du', 'df',
  'tree', 'diff', 'cmp', 'comm', 'md5sum', 'sha1sum', 'sha256sum', 'sha512sum', 'shasum', 'cksum', 'b2sum',
  'base64', 'base32', 'xxd', 'hexdump', 'od', 'strings', 'jq', 'yq', 'help', 'info', 'cd', 'pushd',
  'popd', 'dirs', 'nl', 'fold', 'fmt', 'column', 'paste', 'join', 'expand', 'unexpand', 'rev', 'seq', 'yes',
  'basename', 'dirname', 'realpath', 'readlink', 'printenv', 'locale', 'tty', 'uptime', 'free', 'ps', 'pgrep',
  'top', 'htop', 'lsof', 'lsblk', 'blkid', 'findmnt', 'w', 'who', 'last', 'nproc', 'arch', 'getconf', 'cal',
  'expr', 'bc', 'dc', 'factor', 'numfmt', 'tsort', 'look', 'zcat', 'zless', 'bzcat', 'xzcat', 'zgrep',
  'column', 'iconv', 'envsubst', 'bat', 'batcat', 'fd', 'fdfind', 'fzf', 'exa', 'eza', 'dust', 'duf',
  'read', 'wait', 'jobs', 'fg', 'bg', 'times', 'ulimit', 'umask', 'shopt', 'set', 'unset', 'export', 'declare',
  'local', 'readonly', 'let', 'alias', 'unalias', 'getopts', 'shift', 'return', 'exit', 'break', 'continue',
  ':', 'compgen', 'complete', 'caller', 'dig', 'nslookup', 'host', 'ping', 'traceroute', 'netstat', 'ss',
  'whois', 'vmstat', 'iostat', 'mpstat', 'sar', 'dmesg', 'lscpu', 'lspci', 'lsusb', 'lsmod', 'getent',
  'tput', 'stty', 'clear', 'reset', 'history', 'apropos', 'whatis',
];

export const READONLY_TABLE: ToolTable = defineLocalTable({
  name: 'readonly',
  commands: [...new Set(READERS)],
  noShortHelp: true,
  rules: READER_RULES,
  // The few readers that can also set something: the clock, the host name, shell history.
  fallback: (inv) => {
    if (inv.name === 'date' && inv.args.some((a) => a === '-s' || a.startsWith('--set'))) return 'mutating';
    if (inv.name === 'hostname' && inv.args.some((a) => !a.startsWith('-'))) return 'mutating';
    if (inv.name === 'history' && inv.args.some((a) => /^-[a-z]*[cdw]/.test(a))) return 'mutating';
    return 'readonly';
  },
});

export const CREATE_TABLE: ToolTable = defineLocalTable({
  name: 'create',
  commands: ['mkdir', 'touch', 'mktemp', 'mkfifo', 'csplit', 'patch', 'ed', 'gzip', 'gunzip', 'bzip2', 'bunzip2', 'xz', 'unxz', 'zstd', 'unzstd', 'zip', 'sponge'],
  rules: [
    execOptionRule('create', ['-TT', '--unzip-command'], { match: ["zip out.zip a.txt -T -TT 'rm -rf ~ #'"], no_match: ['zip -r out.zip src'] }),
    // `jq ... f | sponge f` is how JSON gets edited in place.
    protectedPathRule('create', (inv) => (['sponge', 'touch', 'mkdir', 'patch'].includes(inv.name) ? parseArgs(inv.args, { valued: ['-i', '--input', '-o', '--output', '-m', '--mode', '-d', '-r', '-t'] }).pos : []), {
      match: ['sponge .claude/settings.json', 'sponge -a ~/.bashrc', 'touch .git/hooks/pre-commit', 'mkdir -p .git/hooks/x'],
      no_match: ['sponge out.json', 'touch src/new.ts', 'mkdir -p build/out'],
    }),
  ],
  fallback: (inv) => (inv.args.length === 0 || inv.args.some((a) => a === '-l' || a === '--list' || a === '-t' || a === '--test') ? 'readonly' : 'mutating'),
});

// man runs its pager or browser through the shell: `man -P 'cmd' ls` runs cmd.
export const MAN_TABLE: ToolTable = defineLocalTable({
  name: 'man',
  commands: ['man'],
  rules: [execOptionRule('man', ['-P', '--pager', '-H', '--html'], { match: ["man -P 'rm -rf ~' ls"], no_match: ['man ls', 'man -k copy'] })],
  fallback: 'readonly',
});

export const SORT_TABLE: ToolTable = defineLocalTable({
  name: 'sort',
  commands: ['sort'],
  noShortHelp: true,
  rules: [
    {
      id: 'sort.output-file', risk: 'mutating', effect: 'write-file',
      explain: 'sort -o writes its result to a file',
      test: (inv) => {
        const p = parseArgs(inv.args, { valued: ['-o', '--output', '-k', '--key', '-t', '--field-separator', '-S', '--buffer-size', '-T', '--temporary-directory'] });
        if (!has(p, '-o', '--output')) return null;
        return protectedHit(inv, vals(p, '-o', '--output')) ?? true;
      },
      examples: { match: ['sort -o sorted.txt words.txt', 'sort -o ~/.bashrc words.txt'], no_match: ['sort -u words.txt'] },
    },
    execOptionRule('sort', ['--compress-program'], { match: ["sort --compress-program='rm -rf ~' big.txt"], no_match: ['sort big.txt'] }),
  ],
  fallback: 'readonly',
});

/** The sed script text: every -e value, or else the first operand. */
function sedScripts(inv: Invocation): string[] {
  const p = parseArgs(inv.args, { valued: ['-e', '--expression', '-f', '--file', '-l', '--line-length'] });
  const e = vals(p, '-e', '--expression');
  if (e.length > 0) return e;
  return p.pos[0] !== undefined && !p.opts.has('-f') && !p.opts.has('--file') ? [p.pos[0]] : [];
}

// The files `sed -i` rewrites: every operand, after the script unless -e/-f gave it.
function sedInPlaceFiles(inv: Invocation): string[] {
  if (inv.name !== 'sed' && inv.name !== 'gsed') return [];
  const p = parseArgs(inv.args, { valued: ['-e', '--expression', '-f', '--file', '-l', '--line-length'] });
  const inPlace = inv.args.some((a) => (/^-[a-zA-Z]*i/.test(a) && !a.startsWith('--')) || a.startsWith('--in-place'));
  if (!inPlace) return [];
  return p.opts.has('-e') || p.opts.has('--expression') || p.opts.has('-f') || p.opts.has('--file') ? p.pos : p.pos.slice(1);
}

export const SED_TABLE: ToolTable = defineLocalTable({
  name: 'sed',
  commands: ['sed', 'gsed', 'perl-rename', 'rename'],
  rules: [
    {
      id: 'sed.in-place', risk: 'mutating', effect: 'edit-files',
      explain: 'sed -i edits files in place',
      test: (inv) => inv.name === 'sed' || inv.name === 'gsed' ? inv.args.some((a) => /^-[a-zA-Z]*i/.test(a) && !a.startsWith('--') || a.startsWith('--in-place')) : inv.args.length > 0,
      examples: { match: ["sed -i 's/foo/bar/g' config.yml", "sed -i.bak -e 's/a/b/' x.txt"], no_match: ["sed 's/rm -rf/x/' notes.md", "sed -n '1,5p' file.txt"] },
    },
    {
      // GNU sed's `e` command and `s///e` flag run shell commands: `e cmd` is judged as cmd; the
      // `e` flag runs text built at run time, which cannot be seen.
      id: 'sed.execute', risk: 'unknown', effect: 'run-command',
      explain: 'the sed script executes shell commands',
      test: (inv, ctx) => {
        if (inv.name !== 'sed' && inv.name !== 'gsed') return null;
        const fx = sedScripts(inv).map(scanSed);
        const cmd = fx.flatMap((f) => f.execs)[0];
        const r = cmd !== undefined ? ctx.shell(cmd) : undefined;
        if (r?.risk === 'destructive') return { risk: 'destructive', target: cmd, explanation: `sed runs "${cmd}": ${r.summary}` };
        if (fx.some((f) => f.execDynamic) || inv.args.some((a) => /^e\s|\/e$|\/[gpIi0-9]*e[gpIi0-9]*$|;\s*e\s/.test(a))) return true;
        return r ? { risk: r.risk === 'readonly' ? 'unknown' : r.risk, target: cmd, explanation: `sed runs "${cmd}": ${r.summary}` } : null;
      },
      examples: { match: ["sed 's/.*/rm -rf &/e' list.txt", "sed '1e rm -rf ~' f.txt", "sed -n '$e touch x' f.txt"], no_match: ["sed 's/x/y/g' list.txt", "sed 's/e/E/' f.txt"] },
    },
    {
      id: 'sed.write-file', risk: 'mutating', effect: 'write-file',
      explain: 'the sed script writes to a file (w, W or the s///w flag)',
      test: (inv) => {
        if (inv.name !== 'sed' && inv.name !== 'gsed') return null;
        const files = sedScripts(inv).flatMap((s) => scanSed(s).writes).filter((f) => f !== '/dev/stdout' && f !== '/dev/stderr');
        if (files.length === 0) return null;
        return protectedHit(inv, files) ?? { target: files[0] ?? '', explanation: `sed writes ${files.join(', ')}` };
      },
      examples: { match: ["sed 's/a/b/w out.txt' in.txt", "sed -n '/x/w found.txt' in.txt", "sed 'W ~/.bashrc' in.txt"], no_match: ["sed 's/w/x/' in.txt", "sed -n '/w/p' in.txt", "sed 's/x/y/w /dev/stdout' in.txt"] },
    },
    protectedPathRule('sed', sedInPlaceFiles, {
      match: ["sed -i 's/deny/allow/' .claude/settings.json", "sed -i -e 's/a/b/' ~/.bashrc"],
      no_match: ["sed -i 's/a/b/' src/app.ts", "sed 's/a/b/' .claude/settings.json"],
    }),
  ],
  fallback: 'readonly',
});

// awk programs can run commands (system(), "cmd" | getline, print | "cmd") and write files.
function awkProgram(inv: Invocation): { program?: string; fromFile: boolean } {
  const p = parseArgs(inv.args, { valued: ['-F', '-v', '-f', '--field-separator', '--assign', '--file', '-e', '--source', '-i', '--include'] });
  if (vals(p, '-f', '--file', '-i', '--include').length > 0) return { fromFile: true };
  const src = vals(p, '-e', '--source');
  if (src.length > 0) return { program: src.join('\n'), fromFile: false };
  const first = p.pos[0];
  return first !== undefined ? { program: first, fromFile: false } : { fromFile: false };
}

export const AWK_TABLE: ToolTable = defineLocalTable({
  name: 'awk',
  commands: ['awk', 'gawk', 'mawk', 'nawk'],
  rules: [
    {
      id: 'awk.system', risk: 'unknown', effect: 'run-command',
      explain: 'the awk program runs shell commands',
      test: (inv, ctx) => {
        const { program } = awkProgram(inv);
        if (program === undefined) return null;
        const calls = [...program.matchAll(/system\s*\(\s*"((?:[^"\\]|\\.)*)"\s*\)/g)];
        const piped = /\|\s*"|"\s*\|\s*getline|system\s*\(/.test(program);
        if (!piped) return null;
        const allLiteral = calls.length > 0 && !/\|\s*"|"\s*\|\s*getline/.test(program) && calls.length === (program.match(/system\s*\(/g) ?? []).length;
        if (!allLiteral) return { explanation: 'the awk program runs a command built at run time' };
        let worstRisk: 'readonly' | 'mutating' | 'destructive' | 'unknown' = 'readonly';
        let summary = '';
        for (const c of calls) {
          const r = ctx.shell((c[1] ?? '').replace(/\\(.)/g, '$1'));
          const rank = { readonly: 0, mutating: 1, unknown: 2, destructive: 3 } as const;
          if (rank[r.risk] >= rank[worstRisk]) {
            worstRisk = r.risk;
            summary = r.summary;
          }
        }
        return { risk: worstRisk, explanation: `awk system(): ${summary}` };
      },
      examples: { match: ['awk \'BEGIN { system("rm -rf /") }\'', 'awk \'{ print | "sh" }\' cmds.txt'], no_match: ["awk '/rm -rf/ {print}' log.txt", "awk '{print $1}' data.txt"] },
    },
    {
      id: 'awk.program-file', risk: 'unknown', effect: 'run-program',
      explain: 'the awk program comes from a file the classifier cannot see',
      test: (inv) => awkProgram(inv).fromFile,
      examples: { match: ['awk -f transform.awk data.txt'], no_match: ["awk -F, '{print $2}' data.csv"] },
    },
    {
      id: 'awk.write-file', risk: 'mutating', effect: 'write-file',
      explain: 'the awk program writes to a file',
      test: (inv) => /print[f]?[^|]*>\s*"/.test(awkProgram(inv).program ?? ''),
      examples: { match: ['awk \'{ print $1 > "out.txt" }\' in.txt'], no_match: ["awk '$3 > 10' in.txt"] },
    },
  ],
  fallback: 'readonly',
});
