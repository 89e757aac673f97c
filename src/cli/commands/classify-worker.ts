// The `--batch` worker thread: loads the classifier once, then answers lines in the order they
// arrive. It runs apart from the main thread so that a line which never finishes can be cut off
// (the thread is terminated and replaced) without the batch hanging.
//
// Progress is shared through memory, not messages: before each line the worker stores its number
// and start time, so the main thread's watchdog knows which line is running and for how long.
import { parentPort, workerData } from 'node:worker_threads';
import { initClassifier } from '../../classify/index.js';
import { answerLine } from './classify-answer.js';
import { PROGRESS_BYTES } from './classify-batch.js';

export type WorkerRequest = { n: number; line: Uint8Array }[];
export type WorkerReply = { ready: true } | { answers: [number, string][] };

// Fault injection for the batch tests only: a line containing this marker never finishes, so the
// deadline can be tested without relying on the machine being slow. It can only make a line
// unknown (E_TIMEOUT), never let anything through.
const STALL = process.env.COUNTERSIGN_TEST_STALL_MARKER;
const marker = STALL ? Buffer.from(STALL) : null;

function stalls(line: Uint8Array): boolean {
  return marker !== null && Buffer.from(line.buffer, line.byteOffset, line.byteLength).includes(marker);
}

/** Answers are posted in groups: every 256 lines or 20 ms, and when the queue runs dry. */
const GROUP = 256;
const GROUP_MS = 20;

const port = parentPort;
if (port) {
  const { cwd, progress } = workerData as { cwd?: string; progress: SharedArrayBuffer };
  if (progress.byteLength < PROGRESS_BYTES) throw new Error('progress buffer too small');
  const current = new Int32Array(progress, 0, 1);
  const started = new Float64Array(progress, 8, 1);
  await initClassifier();
  // Warm the parsers so the first real line is not charged for compiling them.
  for (const line of ['{"kind":"shell","command":"ls -la | grep x"}', '{"kind":"sql","sql":"DELETE FROM t WHERE id = 1"}']) answerLine(Buffer.from(line));
  port.on('message', (items: WorkerRequest) => {
    let out: [number, string][] = [];
    let posted = Date.now();
    for (const item of items) {
      started[0] = Date.now();
      Atomics.store(current, 0, item.n + 1);
      while (stalls(item.line));
      out.push([item.n, answerLine(item.line, cwd)]);
      if (out.length >= GROUP || Date.now() - posted >= GROUP_MS) {
        port.postMessage({ answers: out } satisfies WorkerReply);
        out = [];
        posted = Date.now();
      }
    }
    Atomics.store(current, 0, 0);
    if (out.length) port.postMessage({ answers: out } satisfies WorkerReply);
  });
  port.postMessage({ ready: true } satisfies WorkerReply);
}
