// `countersign audit verify|export|tail`: verify the hash chain (offline against a data directory,
// or through the server), export it as JSONL, or follow it live over server-sent events.
import { createWriteStream, type WriteStream } from 'node:fs';
import type { AuditEntry } from '../../core/index.js';
import { parseArgs, UsageError } from '../args.js';
import { call, connFrom, report, stream } from '../client.js';
import { openDataDir } from './serve.js';

const HELP = `Usage:
  countersign audit verify [--dir DIR | --url URL] [--json]   recompute the chain; name the first broken entry
  countersign audit export [--dir DIR | --url URL] [--out FILE]   every entry as JSONL (stdout by default)
  countersign audit tail [--url URL] [--from SEQ]             print entries as they are appended (Ctrl-C stops)

--dir reads the data directory directly (works with the server stopped); otherwise the server at
--url or COUNTERSIGN_URL is asked with the human token in --token or COUNTERSIGN_TOKEN.
Exit 0 when the chain verifies, 1 when it does not (or on any error).
`;

type Report = { ok: boolean; entries: number; head: { seq: number; hash: string } | null; broken?: { seq: number; reason: string } };

export async function run(argv: string[]): Promise<number> {
  try {
    const [sub, ...rest] = argv;
    const { flags, positionals } = parseArgs(rest, { boolean: ['json', 'help'], string: ['dir', 'url', 'token', 'out', 'from', 'config'] });
    if (!sub || sub === '--help' || sub === '-h' || flags['help']) {
      process.stdout.write(HELP);
      return sub ? 0 : 2;
    }
    if (positionals.length) throw new UsageError(`unexpected argument "${positionals[0]}"`);
    if (sub === 'verify') return await verify(flags);
    if (sub === 'export') return await exportLog(flags);
    if (sub === 'tail') return await tail(flags);
    throw new UsageError(`unknown subcommand "${sub}"; use verify, export or tail`);
  } catch (err) {
    return report('audit', err);
  }
}

async function verify(flags: Record<string, string | true>): Promise<number> {
  let r: Report;
  if (typeof flags['dir'] === 'string' || typeof flags['config'] === 'string') {
    const { engineStore, close } = await openDataDir(flags, { readonly: true });
    try {
      const { verifyStore } = await import('../../engine/audit.js');
      r = await verifyStore(engineStore);
    } finally {
      await close();
    }
  } else r = await call<Report>(connFrom(flags), 'GET', '/v1/audit/verify', undefined, 600_000);
  if (flags['json']) process.stdout.write(JSON.stringify(r) + '\n');
  else if (r.ok) process.stdout.write(`ok: ${r.entries} entries verify; head ${r.head ? `#${r.head.seq} ${r.head.hash}` : '(empty log)'}\n`);
  else process.stdout.write(`BROKEN at entry #${r.broken?.seq}: ${r.broken?.reason} (E_CHAIN_BROKEN); ${r.entries} entries before it verify\n`);
  return r.ok ? 0 : 1;
}

async function exportLog(flags: Record<string, string | true>): Promise<number> {
  const file: WriteStream | null = typeof flags['out'] === 'string' ? createWriteStream(flags['out']) : null;
  const out: NodeJS.WritableStream = file ?? process.stdout;
  const write = (s: string): Promise<void> => new Promise((ok) => (out.write(s) ? ok() : out.once('drain', () => ok())));
  if (typeof flags['dir'] === 'string' || typeof flags['config'] === 'string') {
    const { engineStore, close } = await openDataDir(flags, { readonly: true });
    try {
      const { allEntries } = await import('../../engine/audit.js');
      for await (const e of allEntries(engineStore)) await write(JSON.stringify(e) + '\n');
    } finally {
      await close();
    }
  } else {
    const pending: Promise<void>[] = [];
    await stream(connFrom(flags), '/v1/audit/export', (t) => void pending.push(write(t)), { accept: 'application/x-ndjson' });
    await Promise.all(pending);
  }
  if (file) await new Promise<void>((ok) => file.end(ok));
  return 0;
}

async function tail(flags: Record<string, string | true>): Promise<number> {
  const c = connFrom(flags);
  let next = typeof flags['from'] === 'string' ? Number(flags['from']) : NaN;
  if (!Number.isFinite(next)) {
    const head = await call<{ head: { seq: number } | null }>(c, 'GET', '/v1/audit?limit=1');
    next = (head.head?.seq ?? 0) + 1;
  }
  // Events say that entries were appended; the entries themselves are read in order from the log,
  // so a dropped event never leaves a hole in what is printed.
  let fetching = Promise.resolve();
  const catchUp = (): void => {
    fetching = fetching.then(async () => {
      for (;;) {
        const page = await call<{ entries: AuditEntry[] }>(c, 'GET', `/v1/audit?from=${next}&limit=500`);
        for (const e of page.entries) process.stdout.write(JSON.stringify(e) + '\n');
        if (page.entries.length) next = page.entries[page.entries.length - 1]!.seq + 1;
        if (page.entries.length < 500) return;
      }
    });
  };
  catchUp();
  let buf = '';
  await stream(c, '/v1/events', (t) => {
    buf += t;
    let i;
    while ((i = buf.indexOf('\n\n')) >= 0) {
      const block = buf.slice(0, i);
      buf = buf.slice(i + 2);
      if (/^event: audit$/m.test(block)) catchUp();
    }
  }, { accept: 'text/event-stream' });
  await fetching;
  return 0;
}
