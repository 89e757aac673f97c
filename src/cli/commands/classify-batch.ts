// `countersign classify --batch`: JSONL in, JSONL out, streaming. Every input line gets exactly
// one answer line in the same order, whatever it holds: bad JSON, invalid UTF-8, an empty line, an
// oversized line or a line that takes longer than the deadline each get an "unknown" answer with
// an error code, and the batch goes on.
//
// Lines are classified in a worker thread. The main thread only splits lines, keeps order and
// watches the clock: if the worker makes no progress for `timeoutMs` (a pathological input the
// work bounds did not catch), the line it is on is answered E_TIMEOUT, the worker is replaced, and
// the lines after it are sent again.
import { Worker } from 'node:worker_threads';
import type { ErrorCode, RiskReport } from '../../core/index.js';
import type { WorkerReply, WorkerRequest } from './classify-worker.js';

/** A line longer than this is answered E_TOO_LARGE without being buffered (big plans fit). */
export const MAX_LINE_BYTES = 64 * 1024 * 1024;
export const DEFAULT_TIMEOUT_MS = 10_000;
/** Lines sent to the worker and not yet answered; beyond this stdin is paused. */
const MAX_IN_FLIGHT = 512;

const NL = 0x0a;

/** An "unknown" answer for a line that could not be classified. (The catalogue's own message is
 * written for HTTP bodies, so the line-specific detail stands alone.) */
export function failureLine(code: ErrorCode, detail: string): string {
  const report: RiskReport = { risk: 'unknown', summary: detail, findings: [], error: { code, message: detail } };
  return JSON.stringify(report);
}

type Slot = { n: number; line?: Uint8Array; answer?: string };

export function runBatch(cwd: string | undefined, timeoutMs = DEFAULT_TIMEOUT_MS): Promise<number> {
  return new Promise((resolve) => {
    const stdin = process.stdin;
    const out = process.stdout;
    const queue: Slot[] = []; // unwritten slots, in input order
    let inFlight: Slot[] = []; // sent to the current worker, unanswered, in order
    let unsent: Slot[] = []; // waiting for the worker to be ready
    let next = 0;
    let pending: Buffer[] = [];
    let pendingBytes = 0;
    let oversized = false;
    let ended = false;
    let finished = false;
    let worker: Worker | null = null;
    let ready = false;
    let timer: NodeJS.Timeout | null = null;
    let everReady = false;
    let broken = '';

    const finish = (code: number): void => {
      if (finished) return;
      finished = true;
      if (timer) clearTimeout(timer);
      void worker?.terminate();
      resolve(code);
    };

    const flush = (): void => {
      const lines: string[] = [];
      while (queue.length && queue[0]!.answer !== undefined) lines.push(queue.shift()!.answer!);
      if (lines.length && !out.write(`${lines.join('\n')}\n`)) {
        stdin.pause();
        out.once('drain', () => {
          if (inFlight.length < MAX_IN_FLIGHT) stdin.resume();
        });
      }
      if (inFlight.length < MAX_IN_FLIGHT / 2 && !ended && stdin.isPaused() && out.writableNeedDrain === false) stdin.resume();
      if (ended && queue.length === 0) finish(0);
    };

    // The deadline runs from the worker's "started" for the head line. Until that arrives a
    // longer one runs (3x), so a worker that never even starts a line cannot hang the batch.
    const arm = (started = false): void => {
      if (timer) clearTimeout(timer);
      timer = null;
      if (ready && inFlight.length) timer = setTimeout(onTimeout, started ? timeoutMs : 3 * timeoutMs);
    };

    const send = (slots: Slot[]): void => {
      if (!slots.length) return;
      if (broken) {
        for (const s of slots) s.answer = failureLine('E_INTERNAL', `The classifier could not start (${broken}); nothing was classified.`);
        flush();
        return;
      }
      if (!ready || !worker) {
        unsent.push(...slots);
        return;
      }
      const idle = inFlight.length === 0;
      inFlight.push(...slots);
      // One message per line: a huge line is copied when it is sent, not charged to the lines before it.
      for (const s of slots) worker.postMessage({ n: s.n, line: s.line! } satisfies WorkerRequest);
      if (idle) arm();
      if (inFlight.length >= MAX_IN_FLIGHT) stdin.pause();
    };

    const replace = (headAnswer: string): void => {
      const head = inFlight.shift();
      if (head) {
        head.answer = headAnswer;
        head.line = undefined;
      }
      const again = [...inFlight, ...unsent];
      inFlight = [];
      unsent = [];
      void worker?.terminate();
      start();
      unsent = again;
      flush();
    };

    function onTimeout(): void {
      replace(failureLine('E_TIMEOUT', `Classifying this line took longer than ${timeoutMs} ms; it is treated as unknown.`));
    }

    function start(): void {
      ready = false;
      const w = new Worker(new URL('./classify-worker.js', import.meta.url), { workerData: { cwd } });
      worker = w;
      w.on('message', (m: WorkerReply) => {
        if (w !== worker) return;
        if ('ready' in m) {
          ready = true;
          everReady = true;
          const waiting = unsent;
          unsent = [];
          send(waiting);
          return;
        }
        if ('started' in m) {
          if (inFlight[0]?.n === m.started) arm(true);
          return;
        }
        const slot = inFlight.shift();
        if (slot && slot.n === m.n) {
          slot.answer = m.answer;
          slot.line = undefined;
        }
        arm();
        flush();
      });
      const died = (why: string): void => {
        if (w !== worker || finished) return;
        if (!everReady) {
          // It cannot even load: answer everything unknown rather than retry forever.
          broken = why;
          worker = null;
          const all = [...inFlight, ...unsent];
          inFlight = [];
          unsent = [];
          send(all);
          return;
        }
        replace(failureLine('E_INTERNAL', `The classifier failed on this line (${why}); it is treated as unknown.`));
      };
      w.on('error', (err) => died(err.message));
      w.on('exit', (code) => died(`worker exited with ${code}`));
    }

    const take = (tail: Buffer): void => {
      const slot: Slot = { n: next++ };
      queue.push(slot);
      if (oversized) {
        slot.answer = failureLine('E_TOO_LARGE', `This line is over ${MAX_LINE_BYTES} bytes; it was not read. Send smaller actions.`);
      } else {
        slot.line = pending.length ? Buffer.concat([...pending, tail]) : Buffer.from(tail);
      }
      pending = [];
      pendingBytes = 0;
      oversized = false;
    };

    start();
    stdin.on('data', (chunk: Buffer) => {
      const before = queue.length;
      let from = 0;
      for (let nl = chunk.indexOf(NL, from); nl >= 0; nl = chunk.indexOf(NL, from)) {
        take(chunk.subarray(from, nl));
        from = nl + 1;
      }
      const rest = chunk.subarray(from);
      if (rest.length && !oversized) {
        pendingBytes += rest.length;
        if (pendingBytes > MAX_LINE_BYTES) {
          oversized = true;
          pending = [];
        } else pending.push(Buffer.from(rest)); // copy: the stream may reuse its buffer
      }
      send(queue.slice(before).filter((s) => s.answer === undefined));
      flush();
    });
    stdin.on('end', () => {
      // A final line without a newline is still a line; the empty remainder after the last newline is not.
      const before = queue.length;
      if (pendingBytes > 0 || oversized) take(Buffer.alloc(0));
      send(queue.slice(before).filter((s) => s.answer === undefined));
      ended = true;
      flush();
    });
    stdin.on('error', (err) => {
      process.stderr.write(`countersign classify --batch: cannot read stdin (${err.message}).\n`);
      finish(2);
    });
    out.on('error', (err: NodeJS.ErrnoException) => {
      // The reader went away (`| head`): nobody is left to answer, so stop reading.
      stdin.destroy();
      if (err.code !== 'EPIPE') process.stderr.write(`countersign classify --batch: cannot write answers (${err.message}).\n`);
      finish(err.code === 'EPIPE' ? 0 : 2);
    });
  });
}
