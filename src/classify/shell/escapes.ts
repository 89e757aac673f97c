// Quote and escape rules of bash, applied the way bash applies them, so that `\rm`, `r''m` and
// `$'\x72m'` all come out as `rm` before any table sees the name.

/** Unquoted word: a backslash quotes the next character; backslash-newline disappears. */
export function unescapeBare(text: string): string {
  if (!text.includes('\\')) return text;
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '\\' && i + 1 < text.length) {
      const n = text[++i]!;
      if (n !== '\n') out += n;
    } else out += c;
  }
  return out;
}

/** Inside double quotes a backslash only quotes $ ` " \ and newline. */
export function unescapeDouble(text: string): string {
  if (!text.includes('\\')) return text;
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    const n = text[i + 1];
    if (c === '\\' && n !== undefined && '$`"\\\n'.includes(n)) {
      i++;
      if (n !== '\n') out += n;
    } else out += c;
  }
  return out;
}

const SIMPLE: Record<string, string> = { a: '\x07', b: '\b', e: '\x1b', E: '\x1b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\', "'": "'", '"': '"', '?': '?' };

/** $'...' (ANSI-C quoting): the body without the leading `$'` and trailing `'`. */
export function decodeAnsiC(body: string): string {
  if (!body.includes('\\')) return body;
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (c !== '\\' || i + 1 >= body.length) {
      out += c;
      continue;
    }
    const n = body[++i]!;
    const simple = SIMPLE[n];
    if (simple !== undefined) {
      out += simple;
    } else if (n >= '0' && n <= '7') {
      const m = /^[0-7]{1,3}/.exec(body.slice(i, i + 3))![0];
      out += String.fromCharCode(parseInt(m, 8) & 0xff);
      i += m.length - 1;
    } else if (n === 'x' || n === 'u' || n === 'U') {
      const max = n === 'x' ? 2 : n === 'u' ? 4 : 8;
      const m = /^[0-9a-fA-F]*/.exec(body.slice(i + 1, i + 1 + max))![0];
      if (m === '') {
        out += '\\' + n;
      } else {
        const cp = parseInt(m, 16);
        out += cp <= 0x10ffff ? String.fromCodePoint(cp) : '';
        i += m.length;
      }
    } else if (n === 'c' && i + 1 < body.length) {
      out += String.fromCharCode(body.charCodeAt(++i) & 0x1f);
    } else {
      out += '\\' + n;
    }
  }
  return out;
}

/** Quote a value so that re-parsing it gives back exactly one word with that value. */
export function shellQuote(value: string): string {
  if (/^[A-Za-z0-9_@%+=:,./-]+$/.test(value)) return value;
  return `'${value.replace(/'/g, `'\\''`)}'`;
}
