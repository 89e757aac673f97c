// Streaming redaction of credential values from a command's output. A secret may be split across
// two chunks, so bytes where a secret could still begin are held back until more output arrives
// (at most the longest secret's length - 1). Where secrets overlap (a password inside a connection
// URL), the match that starts first wins, and the longer one at the same start.

export const REDACTED = Buffer.from('[redacted by countersign]');

export class StreamRedactor {
  private readonly secrets: Buffer[];
  private readonly hold: number;
  private pending: Buffer = Buffer.alloc(0);

  constructor(secrets: string[]) {
    this.secrets = secrets.filter((s) => s.length > 0).map((s) => Buffer.from(s, 'utf8')).sort((a, b) => b.length - a.length);
    this.hold = this.secrets.length ? this.secrets[0]!.length - 1 : 0;
  }

  /** The bytes that are safe to emit now. */
  push(chunk: Buffer): Buffer {
    const all = this.pending.length ? Buffer.concat([this.pending, chunk]) : chunk;
    // A match must start before `limit`; from there on at least `hold + 1` bytes follow, so every
    // secret starting earlier is wholly inside `all` and cannot be missed by holding back the rest.
    const { out, consumed } = this.scan(all, Math.max(0, all.length - this.hold));
    this.pending = Buffer.from(all.subarray(consumed));
    return out;
  }

  /** The held-back rest, at the end of the stream. */
  end(): Buffer {
    const { out } = this.scan(this.pending, this.pending.length);
    this.pending = Buffer.alloc(0);
    return out;
  }

  private scan(buf: Buffer, limit: number): { out: Buffer; consumed: number } {
    const parts: Buffer[] = [];
    let i = 0;
    for (;;) {
      let best = -1;
      let len = 0;
      for (const s of this.secrets) {
        const j = buf.indexOf(s, i);
        if (j >= 0 && (best < 0 || j < best)) {
          best = j;
          len = s.length;
        }
      }
      if (best < 0 || best >= limit) {
        const stop = Math.max(i, limit);
        parts.push(buf.subarray(i, stop));
        return { out: Buffer.concat(parts), consumed: stop };
      }
      parts.push(buf.subarray(i, best), REDACTED);
      i = best + len;
    }
  }
}
