// The writer thread of worker mode: owns the only writing connection, runs ops through the same
// GroupCommit as in-thread mode, and answers each after COMMIT. Messages that arrive in one turn of
// this thread's event loop share a transaction.
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { GroupCommit } from './group-commit.js';
import { migrate } from './schema.js';
import { toStoreError } from '../store-error.js';
import { decodeOp, toWire, type WireError } from './wire.js';
import { describe, openTables, runWrite } from './write-ops.js';
import { readSettings } from './settings.js';

type Init = { path: string; busyTimeoutMs: number; maxBatch?: number; now: number };
const init = workerData as Init;
const port = parentPort!;

try {
  if (init.path !== ':memory:') mkdirSync(dirname(init.path), { recursive: true });
  const db = new Database(init.path, { timeout: init.busyTimeoutMs });
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  migrate(db, init.now);
  const tables = openTables(db);
  const writes = new GroupCommit(db, init.maxBatch);

  // Answers go back in one message per commit (see worker-writer.ts), each only after its COMMIT.
  let replies: ([number, 1, string] | [number, 0, WireError])[] = [];
  const answer = (r: [number, 1, string] | [number, 0, WireError]): void => {
    if (replies.length === 0) queueMicrotask(sendReplies);
    replies.push(r);
  };
  const sendReplies = (): void => {
    const out = replies;
    replies = [];
    if (out.length) port.postMessage(['done', out]);
  };

  port.on('message', (msg: ['ops', [number, string][]] | ['close']) => {
    if (msg[0] === 'close') {
      writes.close();
      db.close();
      // The last commit's answers are settled in microtasks; send them before saying "closed".
      setImmediate(() => {
        sendReplies();
        port.postMessage(['closed']);
        port.close();
      });
      return;
    }
    for (const [id, text] of msg[1]) {
      let name = 'A write';
      try {
        const op = decodeOp(text);
        name = describe(op);
        writes.submit(name, () => runWrite(tables, op)).then(
          (value) => answer([id, 1, JSON.stringify(value)]),
          (e: unknown) => answer([id, 0, toWire(toStoreError(e, name))]),
        );
      } catch (e) {
        answer([id, 0, toWire(toStoreError(e, name))]);
      }
    }
  });
  port.postMessage(['ready', readSettings(db)]);
} catch (e) {
  port.postMessage(['failed', toWire(toStoreError(e, `Opening the SQLite store at ${init.path}`))]);
  port.close();
}
