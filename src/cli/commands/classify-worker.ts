// The `--batch` worker thread: loads the classifier once, then answers lines in the order they
// arrive. It runs apart from the main thread so that a line which never finishes can be cut off
// (the thread is terminated and replaced) without the batch hanging.
import { parentPort, workerData } from 'node:worker_threads';
import { initClassifier } from '../../classify/index.js';
import { answerLine } from './classify-answer.js';

export type WorkerRequest = { n: number; line: Uint8Array };
export type WorkerReply = { ready: true } | { started: number } | { n: number; answer: string };

// Fault injection for the batch tests only: a line containing this marker never finishes, so the
// deadline can be tested without relying on the machine being slow. It can only make a line
// unknown (E_TIMEOUT), never let anything through.
const STALL = process.env.COUNTERSIGN_TEST_STALL_MARKER;
const marker = STALL ? new TextEncoder().encode(STALL) : null;

function stalls(line: Uint8Array): boolean {
  return marker !== null && Buffer.from(line.buffer, line.byteOffset, line.byteLength).includes(Buffer.from(marker));
}

const port = parentPort;
if (port) {
  const cwd = (workerData as { cwd?: string } | undefined)?.cwd;
  await initClassifier();
  // Warm the parsers so the first real line is not charged for compiling them.
  for (const line of ['{"kind":"shell","command":"ls -la | grep x"}', '{"kind":"sql","sql":"DELETE FROM t WHERE id = 1"}']) answerLine(new TextEncoder().encode(line));
  port.on('message', (item: WorkerRequest) => {
    // Say when work on a line starts, so the deadline counts this line's own time only.
    port.postMessage({ started: item.n } satisfies WorkerReply);
    while (stalls(item.line));
    port.postMessage({ n: item.n, answer: answerLine(item.line, cwd) } satisfies WorkerReply);
  });
  port.postMessage({ ready: true } satisfies WorkerReply);
}
