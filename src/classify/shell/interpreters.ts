// Interpreter one-liners: python -c, node -e, perl -e, ruby -e, php -r, deno eval, and the same
// interpreters reading code from a heredoc or pipe. The code is scanned (code-scan.ts); a script
// file is run unseen (mutating); code from a decoder or the network is unknown.
import { commandName, dispatch, joinText } from './command.js';
import type { Lang } from './code-lex.js';
import { scanCode } from './code-scan.js';
import { feed } from './shells.js';
import { knownFile } from './files.js';
import { add, type Output, type State, type Word } from './state.js';
import { snippet } from './words.js';

type Spec = {
  lang: Lang;
  /** Options whose value is code (may repeat: perl -e 'a' -e 'b'). */
  code: readonly string[];
  /** Options that take some other value. */
  valued: readonly string[];
  /** Option whose value names a module to run (python -m pip ...). */
  module?: string;
};

const PY: Spec = { lang: 'python', code: ['-c'], valued: ['-W', '-X', '-Q'], module: '-m' };
const SPECS: Record<string, Spec> = {
  python: PY, python2: PY, python3: PY, pypy: PY, pypy3: PY,
  node: { lang: 'js', code: ['-e', '--eval', '-p', '--print'], valued: ['-r', '--require', '--import', '--input-type', '--loader', '-C', '--conditions', '--env-file'] },
  nodejs: { lang: 'js', code: ['-e', '--eval', '-p', '--print'], valued: ['-r', '--require', '--import', '--input-type'] },
  bun: { lang: 'js', code: ['-e', '--eval', '-p', '--print'], valued: ['-r', '--preload', '--cwd', '--env-file'] },
  perl: { lang: 'perl', code: ['-e', '-E'], valued: ['-I', '-M', '-m', '-x', '-0', '-l', '-C', '-i', '-d', '-D'] },
  ruby: { lang: 'ruby', code: ['-e'], valued: ['-r', '-I', '-C', '-E', '-F', '-0', '-i', '-x', '-T', '-W', '-K'] },
  php: { lang: 'php', code: ['-r'], valued: ['-d', '-c', '-z', '-B', '-R', '-E', '-F', '-t', '-S'] },
};

export function isInterpreter(name: string): boolean {
  return name in SPECS || /^(?:python|pypy)\d+(?:\.\d+)*$/.test(name) || name === 'deno';
}

// Options written as one cluster with an attached value ("-Mstrict", "-i.bak", "-pi", "-lne").
const ATTACHED = new Set(['-I', '-M', '-m', '-i', '-0', '-l', '-C', '-x', '-W', '-X', '-d', '-D', '-T', '-K', '-E', '-F']);

export function runInterpreter(words: Word[], st: State, stdin: Output | undefined): Output | null {
  const name = commandName(words[0]!.value);
  if (name === 'deno') return runDeno(words, st);
  const spec = SPECS[name] ?? PY;
  const codes: Word[] = [];
  let inPlace = false;
  let i = 1;
  for (; i < words.length; i++) {
    const w = words[i]!;
    const v = w.value;
    if (w.dynamic) break;
    if (v === '--') {
      i++;
      break;
    }
    if (v === '-' || !v.startsWith('-')) break;
    if (spec.code.includes(v)) {
      const c = words[++i];
      if (c) codes.push(c);
      continue;
    }
    const eqCode = spec.code.find((o) => o.startsWith('--') && v.startsWith(o + '='));
    if (eqCode) {
      codes.push({ value: v.slice(eqCode.length + 1), dynamic: false });
      continue;
    }
    if (spec.module && v === spec.module) {
      // python -m pip ...: judge the module like the command of the same name.
      const rest = words.slice(i + 1);
      if (rest.length > 0) return dispatch(rest, st, stdin, joinText(rest));
      continue;
    }
    if (spec.valued.includes(v)) {
      i++;
      continue;
    }
    if (v.startsWith('--')) continue;
    // Short cluster: perl -pi -e, -lne 'code', ruby -ne. Letters are read left to right; one
    // that takes an attached value (-MFile::Path, -i.bak) swallows the rest of the word.
    const letters = v.slice(1);
    for (let k = 0; k < letters.length; k++) {
      const l = letters[k]!;
      if (l === 'i' && (spec.lang === 'perl' || spec.lang === 'ruby')) {
        inPlace = true;
        break;
      }
      if ((l === 'l' || l === '0') && spec.lang !== 'python') {
        while (/[0-9]/.test(letters[k + 1] ?? '')) k++; // -l and -0 take only octal digits
        continue;
      }
      if (ATTACHED.has(`-${l}`) && spec.lang !== 'python') break;
      if (spec.code.includes(`-${l}`) && k === letters.length - 1) {
        const c = words[++i];
        if (c) codes.push(c);
      }
    }
  }
  if (inPlace) {
    add(st, { rule: 'shell.interpreter-in-place', risk: 'mutating', effect: 'edit-files', target: words.slice(i).map((w) => w.value).join(' '), explanation: `${name} -i edits files in place`, tool: name });
  }
  const via = `${name} ${spec.code[0]}`;
  if (codes.length > 0) {
    for (const c of codes) {
      if (c.dynamic) addDynamic(st, name, c.value);
      scanCode(c.value, spec.lang, st, via);
    }
    if (!inPlace) add(st, ran(name, codes.map((c) => c.value).join('; ')));
    return { source: 'other' };
  }
  const script = words[i];
  if (script && script.value !== '-') {
    if (script.proc) return feed(script.proc, st, `${name} <(...)`, undefined, (text, dyn) => code(name, spec.lang, text, dyn, st));
    const known = script.dynamic ? undefined : knownFile(st, script.value);
    if (known) return code(name, spec.lang, known.text, known.dynamic, st);
    add(st, { rule: 'shell.run-script', risk: 'mutating', effect: 'run-script', target: script.value, explanation: `${name} runs ${snippet(script.value)}, whose contents the classifier does not see`, tool: name });
    return { source: 'other' };
  }
  // (python -v is verbose mode, not a version.)
  if (words.slice(1, i).some((w) => INFO.test(w.value) && !(spec.lang === 'python' && w.value === '-v'))) return info(name, st);
  return feed(stdin, st, `${name} reading code from stdin`, undefined, (text, dyn) => code(name, spec.lang, text, dyn, st));
}

// `node --version`, `python3 -V`, `perl -v`: prints and exits, runs no code.
export const INFO = /^(?:--version|-V|-v|--help|-h|-version|-help)$/;

export function info(name: string, st: State): Output {
  add(st, { rule: 'shell.version-or-help', risk: 'readonly', effect: 'read', target: name, explanation: `${name} only prints its version or help`, tool: name });
  return { source: 'other' };
}

function code(name: string, lang: Lang, text: string, dynamic: boolean, st: State): Output {
  if (dynamic) addDynamic(st, name, text);
  scanCode(text, lang, st, `${name} (stdin)`);
  add(st, ran(name, text));
  return { source: 'other' };
}

function runDeno(words: Word[], st: State): Output | null {
  const sub = words[1]?.value;
  if (sub !== 'eval') return null;
  const c = words.slice(2).find((w) => !w.value.startsWith('-'));
  if (!c) return null;
  if (c.dynamic) addDynamic(st, 'deno', c.value);
  scanCode(c.value, 'js', st, 'deno eval');
  add(st, ran('deno', c.value));
  return { source: 'other' };
}

function ran(name: string, text: string): { rule: string; risk: 'mutating'; effect: string; target: string; explanation: string; tool: string } {
  return { rule: 'shell.interpreter-code', risk: 'mutating', effect: 'run-code', target: name, explanation: `${name} runs inline code (${snippet(text)}); nothing destructive was found in it`, tool: name };
}

function addDynamic(st: State, name: string, text: string): void {
  add(st, { rule: 'shell.interpreter-dynamic', risk: 'unknown', effect: 'run-unknown-code', target: snippet(text), explanation: `${name} runs code built from shell expansions the classifier cannot resolve`, tool: name });
}
