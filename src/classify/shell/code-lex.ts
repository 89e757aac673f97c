// A small lexer for interpreter one-liners (python -c, node -e, perl -e, ruby -e, php -r). There
// is no Python or Ruby parser here, so the scan is lexical, but it is string-aware: names inside
// string literals and comments are masked out, so `print("os.remove('/x')")` calls nothing.

export type Lang = 'python' | 'js' | 'perl' | 'ruby' | 'php';

/** A string the code hands to a shell by syntax alone: perl/ruby/php backticks, qx{}, %x{}. */
export type ShellString = { value: string; dynamic: boolean };

export type Masked = { masked: string; shells: ShellString[] };

const PAIRS: Record<string, string> = { '(': ')', '[': ']', '{': '}', '<': '>' };

export function mask(code: string, lang: Lang): Masked {
  const out: string[] = [];
  const shells: ShellString[] = [];
  const n = code.length;
  let i = 0;
  const blank = (from: number, to: number) => {
    for (let k = from; k < to; k++) out.push(code[k] === '\n' ? '\n' : ' ');
  };
  while (i < n) {
    const c = code[i]!;
    const hashComment = c === '#' && lang !== 'js' && !(lang === 'ruby' && code[i + 1] === '{');
    if (hashComment || (c === '/' && code[i + 1] === '/' && (lang === 'js' || lang === 'php'))) {
      const end = code.indexOf('\n', i);
      const stop = end < 0 ? n : end;
      blank(i, stop);
      i = stop;
      continue;
    }
    if (c === '/' && code[i + 1] === '*' && (lang === 'js' || lang === 'php')) {
      const end = code.indexOf('*/', i + 2);
      const stop = end < 0 ? n : end + 2;
      blank(i, stop);
      i = stop;
      continue;
    }
    // qx{...} (perl) and %x{...} (ruby): command strings with chosen delimiters.
    const q = (lang === 'perl' && code.startsWith('qx', i) && !/\w/.test(code[i - 1] ?? ' ')) || (lang === 'ruby' && code.startsWith('%x', i));
    if (q && /[^\w\s]/.test(code[i + 2] ?? 'a')) {
      const open = code[i + 2]!;
      const close = PAIRS[open] ?? open;
      const end = code.indexOf(close, i + 3);
      const stop = end < 0 ? n : end;
      const body = code.slice(i + 3, stop);
      shells.push({ value: body, dynamic: /[$@]\w|#\{/.test(body) });
      out.push(code.slice(i, i + 3));
      blank(i + 3, stop);
      if (end >= 0) out.push(close);
      i = end < 0 ? n : stop + 1;
      continue;
    }
    if (c === '"' || c === "'" || c === '`') {
      const s = readString(code, i, lang);
      if (c === '`' && lang !== 'js' && lang !== 'python') shells.push({ value: s.value, dynamic: s.dynamic });
      out.push(c);
      blank(i + 1, s.end - 1);
      out.push(code[s.end - 1] ?? '');
      i = s.end;
      continue;
    }
    out.push(c);
    i++;
  }
  return { masked: out.join(''), shells };
}

export type Str = { value: string; dynamic: boolean; end: number };

const ESC: Record<string, string> = { n: '\n', t: '\t', r: '\r', '0': '\0', '\\': '\\', "'": "'", '"': '"', '`': '`', $: '$' };

/** Read a string literal starting at its opening quote (a python prefix like r/f/b is before it). */
export function readString(code: string, start: number, lang: Lang): Str {
  const q = code[start]!;
  const prefix = lang === 'python' ? (/[rRbBuUfF]{1,2}$/.exec(code.slice(Math.max(0, start - 2), start))?.[0] ?? '').toLowerCase() : '';
  const raw = prefix.includes('r') || (q === "'" && (lang === 'perl' || lang === 'ruby' || lang === 'php'));
  const triple = lang === 'python' && code.startsWith(q.repeat(3), start);
  const close = triple ? q.repeat(3) : q;
  let i = start + close.length;
  let value = '';
  while (i < code.length && !code.startsWith(close, i)) {
    const c = code[i]!;
    if (c === '\\' && i + 1 < code.length) {
      const e = code[i + 1]!;
      if (raw) value += e === q || e === '\\' ? (lang === 'python' ? c + e : e) : c + e;
      else value += ESC[e] ?? e;
      i += 2;
      continue;
    }
    value += c;
    i++;
  }
  const end = Math.min(code.length, i + close.length);
  let dynamic = false;
  if (prefix.includes('f')) dynamic = /\{(?!\{)/.test(value);
  else if (q === '`' && lang === 'js') dynamic = value.includes('${');
  else if ((q === '"' || q === '`') && (lang === 'perl' || lang === 'php')) dynamic = /[$@][\w{]/.test(value);
  else if ((q === '"' || q === '`') && lang === 'ruby') dynamic = value.includes('#{');
  return { value, dynamic, end };
}

/** One argument of a call: a literal string, a list of literals, or something computed. */
export type Arg = { kind: 'str'; value: string; dynamic: boolean } | { kind: 'list'; values: string[]; dynamic: boolean } | { kind: 'other' };

/** Read call arguments from `pos` (just after the function name): `(a, b)` or perl's `name a, b`. */
export function readArgs(code: string, pos: number, lang: Lang): Arg[] {
  let i = skipWs(code, pos);
  const paren = code[i] === '(';
  if (paren) i++;
  const args: Arg[] = [];
  for (let guard = 0; guard < 32; guard++) {
    i = skipWs(code, i);
    const r = readArg(code, i, lang);
    i = skipWs(code, r.end);
    // `"rm -rf " + path`, `"%s" % x`, `"{}".format(x)`: the literal is only part of the value.
    if (r.arg.kind !== 'other' && i < code.length && !/[,)\];\n}]/.test(code[i]!) && !(lang === 'perl' && code.startsWith('=>', i)) && !code.startsWith('if', i) && !code.startsWith('unless', i)) {
      args.push({ ...r.arg, dynamic: true });
      break;
    }
    args.push(r.arg);
    if (r.arg.kind === 'other') break;
    if (code[i] === ',' || (lang === 'perl' && code.startsWith('=>', i))) {
      i += code[i] === ',' ? 1 : 2;
      continue;
    }
    break;
  }
  return args;
}

function readArg(code: string, i: number, lang: Lang): { arg: Arg; end: number } {
  const c = code[i];
  if (lang === 'python') {
    const m = /^[rRbBuUfF]{1,2}(?=['"])/.exec(code.slice(i, i + 3));
    if (m) i += m[0].length;
  }
  if (c === '"' || c === "'" || (c === '`' && lang === 'js') || code[i] === '"' || code[i] === "'") {
    const s = readString(code, i, lang);
    return { arg: { kind: 'str', value: s.value, dynamic: s.dynamic }, end: s.end };
  }
  if (code[i] === '[' || (lang === 'perl' && code[i] === '(')) {
    const closer = code[i] === '[' ? ']' : ')';
    const values: string[] = [];
    let dynamic = false;
    let j = i + 1;
    for (let guard = 0; guard < 256; guard++) {
      j = skipWs(code, j);
      if (code[j] === closer) return { arg: { kind: 'list', values, dynamic }, end: j + 1 };
      const r = readArg(code, j, lang);
      if (r.arg.kind !== 'str') return { arg: { kind: 'other' }, end: j };
      values.push(r.arg.value);
      dynamic ||= r.arg.dynamic;
      j = skipWs(code, r.end);
      if (code[j] === ',') j++;
    }
    return { arg: { kind: 'other' }, end: j };
  }
  // perl `unlink glob("/etc/*")`: the glob's pattern is the target.
  const g = /^glob\s*\(?\s*/.exec(code.slice(i, i + 12));
  if (g && lang === 'perl') return readArg(code, i + g[0].length, lang);
  return { arg: { kind: 'other' }, end: i };
}

function skipWs(code: string, i: number): number {
  while (i < code.length && /\s/.test(code[i]!)) i++;
  return i;
}
