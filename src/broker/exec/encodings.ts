// The forms a secret's bytes can take in a command's output, as regular-expression sources over
// latin1 text (one character per byte). Every literal byte is written as \xHH, so no secret can
// inject regex syntax.

export type Variant = { pattern: string; maxLength: number };

/** Shortest encoded run worth matching: shorter ones would redact ordinary text at random. */
const MIN_ENCODED = 4;
const LINE_BREAK = '(?:\\r?\\n)?';
const HEX_GAP = '(?:\\r?\\n| )?';

function lit(byte: number): string {
  return `\\x${byte.toString(16).padStart(2, '0')}`;
}

/** A character of an encoded form: hex letters match in either case. */
function encChar(c: string): string {
  return /[a-f]/i.test(c) ? `[${c.toLowerCase()}${c.toUpperCase()}]` : lit(c.charCodeAt(0));
}

/** An encoded text that may be broken by `gap` between any two characters (base64 wraps at 76). */
function spread(text: string, gap: string, gapMax: number, char: (c: string) => string): Variant {
  return { pattern: [...text].map(char).join(gap), maxLength: text.length + (text.length - 1) * gapMax };
}

/** The base64 characters fixed by the secret alone when it starts `k` bytes into a 3-byte group:
 * the characters at the edges also depend on the neighbouring bytes, so they are left out. */
function base64Cores(secret: Buffer): string[] {
  const out: string[] = [];
  for (let k = 0; k < 3; k++) {
    const enc = Buffer.concat([Buffer.alloc(k), secret]).toString('base64').replace(/=+$/, '');
    const first = Math.ceil((8 * k) / 6);
    const last = Math.floor((8 * (k + secret.length)) / 6); // exclusive
    out.push(enc.slice(first, last));
  }
  return out;
}

/** Each byte plain or percent-escaped (any case), a space also as '+': every URL-encoder's output. */
function urlEncoded(secret: Buffer): Variant {
  const parts = [...secret].map((b) => {
    const hex = b.toString(16).padStart(2, '0');
    const escaped = `%${encChar(hex[0]!)}${encChar(hex[1]!)}`;
    return `(?:${lit(b)}|${escaped}${b === 0x20 ? '|\\+' : ''})`;
  });
  return { pattern: parts.join(''), maxLength: secret.length * 3 };
}

export function variantsOf(secret: Buffer): Variant[] {
  const text = secret.toString('utf8');
  const reversed = [Buffer.from([...text].reverse().join(''), 'utf8'), Buffer.from([...secret].reverse())];
  const encoded = new Set<string>();
  for (const core of base64Cores(secret)) {
    encoded.add(core);
    encoded.add(core.replace(/\+/g, '-').replace(/\//g, '_'));
  }
  const out: Variant[] = [urlEncoded(secret), ...reversed.map((r) => ({ pattern: [...r].map(lit).join(''), maxLength: r.length }))];
  for (const e of encoded) if (e.length >= MIN_ENCODED) out.push(spread(e, LINE_BREAK, 2, (c) => lit(c.charCodeAt(0))));
  out.push(spread(secret.toString('hex'), HEX_GAP, 2, encChar));
  const seen = new Set<string>();
  return out.filter((v) => !seen.has(v.pattern) && seen.add(v.pattern));
}
