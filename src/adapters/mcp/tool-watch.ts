// The upstream server's tool list, watched for changes mid-session. A server that swaps a tool's
// description or schema after the agent (and its human) looked at the list is exactly what a
// "rug pull" looks like, so every change is written to the audit log before the new list is used.
import { createHash } from 'node:crypto';
import { canonicalize } from '../../core/index.js';

export type ToolDef = { name: string } & Record<string, unknown>;
export type ToolsChange = { added: string[]; removed: string[]; changed: string[]; before: string; after: string; reason: string };

const digest = (v: unknown): string => createHash('sha256').update(canonicalize(v)).digest('hex');

export class ToolWatch {
  private known: Map<string, string> | null = null;
  private knownDigest = '';

  constructor(private readonly report: (c: ToolsChange) => Promise<void>) {}

  /** Compares a complete tool list with the last one; a change is reported (and must be, or this
   * throws and the list is not taken as known, so the next listing reports it again). */
  async observe(tools: ToolDef[], reason: string): Promise<ToolsChange | null> {
    const now = new Map<string, string>();
    for (const t of tools) now.set(t.name, digest(t));
    const nowDigest = digest([...now.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    if (this.known === null) {
      this.known = now;
      this.knownDigest = nowDigest;
      return null;
    }
    if (nowDigest === this.knownDigest) return null;
    const change: ToolsChange = {
      added: [...now.keys()].filter((n) => !this.known!.has(n)).sort(),
      removed: [...this.known.keys()].filter((n) => !now.has(n)).sort(),
      changed: [...now.keys()].filter((n) => this.known!.has(n) && this.known!.get(n) !== now.get(n)).sort(),
      before: this.knownDigest,
      after: nowDigest,
      reason,
    };
    await this.report(change);
    this.known = now;
    this.knownDigest = nowDigest;
    return change;
  }
}
