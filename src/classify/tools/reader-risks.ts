// The option forms by which an everyday "reader" writes a file or runs a command: `fd -x cmd`,
// `rg --pre cmd`, `uniq in OUT`, `tree -o f`, `dmesg -C`, `less +!cmd`, `hash -p /bin/rm ls`.
// Kept as data per tool; the readonly table's rules read it, so a listed form is never readonly.
import type { Risk, RiskReport } from '../../core/index.js';
import { parseArgs } from './argv.js';
import type { Invocation, RuleHit, ToolContext, ToolRule } from './types.js';
import { protectedHit } from './write-guard.js';

type ReaderSpec = {
  /** Options whose value is a shell command line. */
  exec?: readonly string[];
  /** Options after which the rest of the line is the command to run (fd -x cmd args...). */
  execRest?: readonly string[];
  /** Options whose value is a file the tool writes. */
  writes?: readonly string[];
  /** The n-th operand (0-based) is an output file (`uniq in out`, `xxd in out`). */
  outputOperand?: number;
  /** Options that take a value, so operands are counted correctly. */
  valued?: readonly string[];
  /** Flags that change system state (`dmesg -C` empties the kernel log). */
  mutates?: readonly string[];
  /** Flags that edit the operand files in place (`yq -i`). */
  inPlace?: readonly string[];
  /** Options whose effect cannot be known from the line (`hash -p` rebinds a command name). */
  unknown?: readonly string[];
};

export const READER_SPECS: Readonly<Record<string, ReaderSpec>> = {
  fd: { execRest: ['-x', '--exec', '-X', '--exec-batch'] },
  fdfind: { execRest: ['-x', '--exec', '-X', '--exec-batch'] },
  rg: { exec: ['--pre'] },
  bat: { exec: ['--pager'] },
  batcat: { exec: ['--pager'] },
  fzf: { exec: ['--preview'] },
  tree: { writes: ['-o'] },
  iconv: { writes: ['-o', '--output'], valued: ['-f', '-t', '--from-code', '--to-code'] },
  info: { writes: ['-o', '--output'] },
  uniq: { outputOperand: 1, valued: ['-f', '-s', '-w', '--skip-fields', '--skip-chars', '--check-chars'] },
  xxd: { outputOperand: 1, valued: ['-c', '-g', '-l', '-s', '-o', '-n', '-C', '-cols', '-len', '-seek', '-name'] },
  dmesg: { mutates: ['-C', '-c', '--clear', '--read-clear', '-n', '--console-level', '-D', '-E', '--console-off', '--console-on'] },
  ss: { mutates: ['-K', '--kill'] },
  yq: { inPlace: ['-i', '--inplace'], valued: ['-o', '--output-format', '-p', '--input-format', '--expression', '--indent', '-I'] },
  hash: { unknown: ['-p', '-d', '-r'] },
};

const RANK = { readonly: 0, mutating: 1, unknown: 2, destructive: 3 } as const;

/** Whether a flag is present, alone, clustered (`-iP`) or with a value (`--opt=x`). */
function hasFlag(args: readonly string[], names: readonly string[]): string | undefined {
  for (const a of args) {
    if (a === '--') return undefined;
    for (const n of names) {
      if (a === n || a.startsWith(`${n}=`)) return n;
      if (/^-[a-zA-Z]$/.test(n) && /^-[a-zA-Z]+$/.test(a) && a.includes(n[1]!)) return n;
    }
  }
  return undefined;
}

/** Values of options: `--opt v`, `--opt=v`, `-o v`, `-ov`. */
function optionValues(args: readonly string[], names: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i] ?? '';
    if (a === '--') break;
    for (const n of names) {
      if (a === n && args[i + 1] !== undefined) out.push(args[i + 1] ?? '');
      else if (n.startsWith('--') && a.startsWith(`${n}=`)) out.push(a.slice(n.length + 1));
      else if (/^-[a-zA-Z]$/.test(n) && a.startsWith(n) && a.length > 2 && !a.startsWith('--')) out.push(a.slice(2));
    }
  }
  return out;
}

function judgeCommands(inv: Invocation, cmds: readonly string[], ctx: ToolContext): RuleHit | null {
  let worst: { r: RiskReport; cmd: string } | null = null;
  for (const cmd of cmds) {
    if (cmd.trim() === '') continue;
    const r = ctx.shell(cmd);
    if (!worst || RANK[r.risk] > RANK[worst.r.risk]) worst = { r, cmd };
  }
  if (!worst) return null;
  // Running a command that only reads is still not "nothing": keep the reader's own verdict then.
  const risk: Risk = worst.r.risk === 'readonly' ? 'readonly' : worst.r.risk;
  return { risk, target: worst.cmd, explanation: `${inv.name} runs "${worst.cmd}": ${worst.r.summary}` };
}

/** `fd -x rm {}`: everything after the option up to `;` is the command. */
function restCommands(args: readonly string[], names: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i] ?? '';
    if (!names.includes(a)) continue;
    const rest: string[] = [];
    for (let j = i + 1; j < args.length && args[j] !== ';' && args[j] !== '\\;'; j++) rest.push(args[j] ?? '');
    // fd appends the path found when the command has no {} placeholder.
    if (!rest.some((w) => w.includes('{'))) rest.push('{}');
    out.push(rest.map((w) => (/^[A-Za-z0-9_./{}:=@%+,-]+$/.test(w) ? w : `'${w.replace(/'/g, `'\\''`)}'`)).join(' '));
  }
  return out;
}

/** fzf `--bind 'key:execute(cmd)'` and friends run a command when the key is pressed. */
const FZF_ACTION = /(?:execute(?:-silent|-multi)?|become|reload(?:-sync)?|transform[a-z-]*|preview)\s*[:([{<~!@#$%^&*;/|]/;
/** less `+!cmd` / `+|cmd` runs a shell command as its first command. */
const LESS_SHELL = /^\+.*[!|]/;
/** dc's `!` runs the rest of the line as a shell command. */
const DC_SHELL = /!/;

// Long options that, on any tool, name a command to run or a file to write. A reader's spec above
// lists the forms known for it; one of these on a reader without a spec for it is not a read.
const RUNS_OPTION = /^--(?:exec|execute|exec-batch|pre|preprocessor|pager|command|cmd|editor|shell|run|hook|filter-command|open-files-in-pager)(?:=|$)/;
const WRITES_OPTION = /^--(?:output|out|output-file|outfile|out-file|log-file|logfile|write|save|dump-file)(?:=|$)/;

export const READER_RULES: ToolRule[] = [
  {
    id: 'readonly.exec-option', risk: 'unknown', effect: 'run-command',
    explain: 'a reading tool is told to run a command',
    test: (inv, ctx) => {
      const spec = READER_SPECS[inv.name];
      const cmds: string[] = [];
      if (spec?.exec) cmds.push(...optionValues(inv.args, spec.exec));
      if (spec?.execRest) cmds.push(...restCommands(inv.args, spec.execRest));
      const hit = judgeCommands(inv, cmds, ctx);
      if (hit && hit.risk !== 'readonly') return hit;
      if (inv.name === 'fzf' && optionValues(inv.args, ['--bind']).some((b) => FZF_ACTION.test(b))) return { explanation: 'fzf --bind runs a command when a key is pressed' };
      if ((inv.name === 'less' || inv.name === 'more') && inv.args.some((a) => LESS_SHELL.test(a))) return { explanation: `${inv.name} +!cmd runs a shell command when it starts` };
      if (inv.name === 'dc' && (optionValues(inv.args, ['-e', '--expression']).some((e) => DC_SHELL.test(e)) || parseArgs(inv.args, { valued: ['-e', '--expression', '-f', '--file'] }).pos.length > 0 || optionValues(inv.args, ['-f', '--file']).length > 0)) {
        return { explanation: 'dc runs `!` lines as shell commands, and a script file cannot be seen' };
      }
      return null;
    },
    examples: {
      match: ['fd -e tmp -x rm -rf {}', "rg --pre 'sh x.sh' foo", "bat --pager='rm -rf ~' f", "fzf --bind 'enter:execute(rm -rf ~)'", "less '+!rm -rf ~' f", "dc -e '!rm -rf ~'", "fd . -X sh -c 'rm -rf ~'"],
      no_match: ['fd -e ts', 'rg foo src', 'bat README.md', 'fzf', 'less +G log.txt', "dc -e '2 3 + p'", 'fd -x wc -l'],
    },
  },
  {
    id: 'readonly.output-file', risk: 'mutating', effect: 'write-file',
    explain: 'a reading tool writes its output to a file',
    test: (inv) => {
      const spec = READER_SPECS[inv.name];
      if (!spec) return null;
      const files = spec.writes ? optionValues(inv.args, spec.writes) : [];
      if (spec.outputOperand !== undefined) {
        const out = parseArgs(inv.args, { valued: spec.valued ?? [] }).pos[spec.outputOperand];
        if (out !== undefined && out !== '-') files.push(out);
      }
      if (spec.inPlace && hasFlag(inv.args, spec.inPlace)) {
        // yq -i EXPR FILE...: the files after the expression are rewritten.
        const pos = parseArgs(inv.args, { valued: spec.valued ?? [] }).pos;
        files.push(...(pos.length > 1 ? pos.slice(1) : pos));
      }
      if (files.length === 0) return null;
      return protectedHit(inv, files) ?? { target: files[0] ?? '', explanation: `${inv.name} writes ${files.join(', ')}` };
    },
    examples: {
      match: ['uniq in.txt out.txt', 'xxd -r dump.hex out.bin', 'tree -o tree.txt', 'iconv -f latin1 -t utf-8 -o out.txt in.txt', 'info -o ls.txt ls', "yq -i '.a = 1' config.yml", 'uniq in.txt ~/.bashrc'],
      no_match: ['uniq -c in.txt', 'xxd file.bin', 'tree -L 2', 'iconv -f latin1 -t utf-8 in.txt', "yq '.a' config.yml", 'uniq in.txt -'],
    },
  },
  {
    id: 'readonly.changes-state', risk: 'mutating', effect: 'change',
    explain: 'this form of a reading tool changes system state',
    test: (inv) => {
      const spec = READER_SPECS[inv.name];
      const flag = spec?.mutates ? hasFlag(inv.args, spec.mutates) : undefined;
      return flag ? { explanation: `${inv.name} ${flag} changes system state (clears logs, kills sockets)` } : null;
    },
    examples: { match: ['dmesg -C', 'dmesg --read-clear', 'ss -K dst 10.0.0.1'], no_match: ['dmesg -T', 'ss -tlnp'] },
  },
  {
    id: 'readonly.unlisted-option', risk: 'unknown', effect: 'run-command',
    explain: 'a reading tool is given an option that runs a command or writes a file, in a form the table does not know',
    test: (inv) => {
      const spec = READER_SPECS[inv.name];
      const known = [...(spec?.exec ?? []), ...(spec?.execRest ?? []), ...(spec?.writes ?? [])];
      const end = inv.args.indexOf('--');
      for (const a of end < 0 ? inv.args : inv.args.slice(0, end)) {
        if (known.some((k) => a === k || a.startsWith(`${k}=`))) continue;
        if (RUNS_OPTION.test(a)) return { explanation: `${inv.name} ${a.split('=')[0]} may run a command` };
        if (WRITES_OPTION.test(a)) return { risk: 'mutating', effect: 'write-file', explanation: `${inv.name} ${a.split('=')[0]} writes a file` };
      }
      return null;
    },
    examples: { match: ['zgrep --pager=x foo f.gz', 'lsof --output=x', 'column --output=f t.txt'], no_match: ['ls --color=auto', 'grep --exclude=x foo .', 'bat --pager=less f'] },
  },
  {
    id: 'readonly.rebinds-command', risk: 'unknown', effect: 'run-unknown-command',
    explain: 'rebinds a command name, so later commands may run another program',
    test: (inv) => {
      const spec = READER_SPECS[inv.name];
      const flag = spec?.unknown ? hasFlag(inv.args, spec.unknown) : undefined;
      return flag ? { explanation: `${inv.name} ${flag}: a later command of that name runs whatever it now points to` } : null;
    },
    examples: { match: ['hash -p /bin/rm ls'], no_match: ['hash', 'hash -t ls'] },
  },
];
