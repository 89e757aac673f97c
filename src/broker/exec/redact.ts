// Streaming redaction of credential values from a command's output. A secret may be split across
// two chunks, so the last (longest secret - 1) bytes are held back until more output or the end.

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
    const all = this.scrub(Buffer.concat([this.pending, chunk]));
    const cut = Math.max(0, all.length - this.hold);
    this.pending = all.subarray(cut);
    return all.subarray(0, cut);
  }

  /** The held-back rest, at the end of the stream. */
  end(): Buffer {
    const rest = this.scrub(this.pending);
    this.pending = Buffer.alloc(0);
    return rest;
  }

  private scrub(buf: Buffer): Buffer {
    let out = buf;
    for (const s of this.secrets) {
      let at = out.indexOf(s);
      if (at < 0) continue;
      const parts: Buffer[] = [];
      let from = 0;
      while (at >= 0) {
        parts.push(out.subarray(from, at), REDACTED);
        from = at + s.length;
        at = out.indexOf(s, from);
      }
      parts.push(out.subarray(from));
      out = Buffer.concat(parts);
    }
    return out;
  }
}
