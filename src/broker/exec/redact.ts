// Streaming redaction of credential values from a command's output, also in the encodings a
// command could use to smuggle them past a literal match: base64 and base64url (each of the three
// alignments a secret can have inside a longer encoded text, line-wrapped or not), hex (any case,
// `xxd -p` line breaks or byte spacing), URL-encoding (any mix of escaped and plain bytes), and
// reversed. This is defence in depth, not the boundary (see docs/broker.md): an encoding we do not
// know (gzip, rot13, one byte per line) still gets through, which is why guard.ts refuses commands
// that can read the environment at all.
//
// A secret may be split across two chunks, so bytes where a match could still begin are held back
// until more output arrives (at most the longest possible match - 1). Where matches overlap (a
// password inside a connection URL) the one that starts first wins, and the longer secret at the
// same start.
import { variantsOf } from './encodings.js';

export const REDACTED = Buffer.from('[redacted by countersign]');

export class StreamRedactor {
  private readonly re: RegExp | null;
  private readonly hold: number;
  private pending = '';

  constructor(secrets: string[]) {
    const sorted = [...new Set(secrets.filter((s) => s.length > 0))].sort((a, b) => b.length - a.length);
    const variants = sorted.flatMap((s) => variantsOf(Buffer.from(s, 'utf8')));
    // Output is matched as latin1 text: one character per byte, so any binary output round-trips.
    this.re = variants.length ? new RegExp(variants.map((v) => v.pattern).join('|'), 'g') : null;
    this.hold = variants.reduce((m, v) => Math.max(m, v.maxLength - 1), 0);
  }

  /** The bytes that are safe to emit now. */
  push(chunk: Buffer): Buffer {
    const all = this.pending + chunk.toString('latin1');
    // A match must start before `limit`; from there on at least `hold + 1` bytes follow, so every
    // match starting earlier is wholly inside `all` and cannot be missed by holding back the rest.
    const { out, consumed } = this.scan(all, Math.max(0, all.length - this.hold));
    this.pending = all.slice(consumed);
    return out;
  }

  /** The held-back rest, at the end of the stream. */
  end(): Buffer {
    const { out } = this.scan(this.pending, this.pending.length);
    this.pending = '';
    return out;
  }

  private scan(text: string, limit: number): { out: Buffer; consumed: number } {
    const parts: Buffer[] = [];
    let i = 0;
    if (this.re) {
      for (;;) {
        this.re.lastIndex = i;
        const m = this.re.exec(text);
        if (!m || m.index >= limit) break;
        parts.push(Buffer.from(text.slice(i, m.index), 'latin1'), REDACTED);
        i = m.index + Math.max(1, m[0].length);
      }
    }
    const stop = Math.max(i, limit);
    parts.push(Buffer.from(text.slice(i, stop), 'latin1'));
    return { out: Buffer.concat(parts), consumed: stop };
  }
}
