// `countersign classify --batch`: JSONL in, JSONL out, streaming. Every input line gets exactly
// one answer line in the same order, whatever it holds: bad JSON, invalid UTF-8, an empty line, an
// oversized line or a line that takes longer than the deadline each get an "unknown" answer with
// an error code, and the batch goes on.
//
// Lines are classified in a worker thread. The main thread only splits lines, keeps order and
// watches the clock: if one line runs longer than `timeoutMs` (a pathological input the work
// bounds did not catch), that line is answered E_TIMEOUT, the worker is replaced, and every line
// not yet answered is sent to the new one.
import { Worker } from 'node:worker_threads';
import type { ErrorCode, RiskReport } from '../../core/index.js';
// Types only: the main thread must not load the worker's module (it loads the classifier).
import type { WorkerReply, WorkerRequest } from './classify-worker.js';

/** A line longer than this is answered E_TOO_LARGE without being buffered (big plans fit). */
export const MAX_LINE_BYTES = 64 * 1024 * 1024;
export const DEFAULT_TIMEOUT_MS = 10_000;
/** Shared progress: Int32 [0] = number of the line in progress + 1 (0: idle); Float64 [1] = its start (Date.now()). */
export const PROGRESS_BYTES = 16;
/** Lines sent to the worker and not yet answered; beyond this stdin is paused. */
const MAX_IN_FLIGHT = 4096;

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
    const inFlight = new Map<number, Slot>(); // sent to the current worker, unanswered
    let unsent: Slot[] = []; // waiting for a worker to be ready
    let next = 0;
    let pending: Buffer[] = [];
    let pendingBytes = 0;
    let oversized = false;
    let ended = false;
    let finished = false;
    let draining = false;
    let flushScheduled = false;
    let worker: Worker | null = null;
    let ready = false;
    let everReady = false;
    let broken = '';
    let progress = new SharedArrayBuffer(PROGRESS_BYTES);
    let lastActivity = Date.now();
    let lastSeen = 0;

    const finish = (code: number): void => {
      if (finished) return;
      finished = true;
      clearInterval(watchdog);
      void worker?.terminate();
      resolve(code);
    };

    const flush = (): void => {
      flushScheduled = false;
      let k = 0;
      while (k < queue.length && queue[k]!.answer !== undefined) k++;
      if (k > 0) {
        const lines = queue.splice(0, k).map((s) => s.answer!);
        if (!out.write(`${lines.join('\n')}\n`) && !draining) {
          draining = true;
          stdin.pause();
          out.once('drain', () => {
            draining = false;
            flush();
          });
        }
      }
      if (!draining && !ended && inFlight.size < MAX_IN_FLIGHT / 2 && stdin.isPaused()) stdin.resume();
      if (ended && queue.length === 0) finish(0);
    };
    // Answers arrive in groups; write them out together once the burst is read.
    const scheduleFlush = (): void => {
      if (flushScheduled) return;
      flushScheduled = true;
      setImmediate(flush);
    };

    const send = (slots: Slot[]): void => {
      if (!slots.length) return;
      if (broken) {
        for (const s of slots) s.answer = failureLine('E_INTERNAL', `The classifier could not start (${broken}); nothing was classified.`);
        scheduleFlush();
        return;
      }
      if (!ready || !worker) {
        unsent.push(...slots);
        return;
      }
      if (inFlight.size === 0) lastActivity = Date.now();
      for (const s of slots) inFlight.set(s.n, s);
      // Each line owns an exact-size buffer (see take()), so the copy is the line and no more. The
      // main thread keeps it until answered, to send it again if the worker is replaced.
      worker.postMessage(slots.map((s) => ({ n: s.n, line: s.line! })) satisfies WorkerRequest);
      if (inFlight.size >= MAX_IN_FLIGHT) stdin.pause();
    };

    /** Replace the worker; `blame` (a line number) gets `answer`, every other unanswered line is resent. */
    const replace = (blame: number | undefined, answer: string): void => {
      const again = [...inFlight.values(), ...unsent].sort((a, b) => a.n - b.n);
      inFlight.clear();
      unsent = [];
      void worker?.terminate();
      const rest: Slot[] = [];
      for (const s of again) {
        if (s.n === blame) {
          s.answer = answer;
          s.line = undefined;
        } else rest.push(s);
      }
      start();
      unsent = rest;
      scheduleFlush();
    };

    // The deadline, checked a few times per timeout: the line the worker says it is on, for how
    // long; and, as a backstop, a worker that shows no progress at all for three deadlines.
    const watchdog = setInterval(
      () => {
        if (!ready || inFlight.size === 0) return;
        const view = new Int32Array(progress, 0, 1);
        const current = Atomics.load(view, 0) - 1;
        const since = new Float64Array(progress, 8, 1)[0]!;
        if (current !== lastSeen) {
          lastSeen = current;
          lastActivity = Date.now();
        }
        if (current >= 0 && inFlight.has(current) && Date.now() - since > timeoutMs) {
          replace(current, failureLine('E_TIMEOUT', `Classifying this line took longer than ${timeoutMs} ms; it is treated as unknown.`));
        } else if (Date.now() - lastActivity > 3 * timeoutMs) {
          const head = Math.min(...inFlight.keys());
          replace(head, failureLine('E_TIMEOUT', `The classifier made no progress for ${3 * timeoutMs} ms on this line; it is treated as unknown.`));
        }
      },
      Math.max(5, Math.min(250, Math.floor(timeoutMs / 4))),
    );

    function start(): void {
      ready = false;
      progress = new SharedArrayBuffer(PROGRESS_BYTES);
      lastSeen = -1;
      const w = new Worker(new URL('./classify-worker.js', import.meta.url), { workerData: { cwd, progress } });
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
        lastActivity = Date.now();
        for (const [n, answer] of m.answers) {
          const slot = inFlight.get(n);
          if (!slot) continue;
          inFlight.delete(n);
          slot.answer = answer;
          slot.line = undefined;
        }
        scheduleFlush();
      });
      const died = (why: string): void => {
        if (w !== worker || finished) return;
        if (!everReady) {
          // It cannot even load: answer everything unknown rather than retry forever.
          broken = why;
          worker = null;
          const all = [...inFlight.values(), ...unsent];
          inFlight.clear();
          unsent = [];
          send(all);
          return;
        }
        const current = Atomics.load(new Int32Array(progress, 0, 1), 0) - 1;
        replace(current >= 0 ? current : undefined, failureLine('E_INTERNAL', `The classifier failed on this line (${why}); it is treated as unknown.`));
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
        // A fresh exact-size copy: Buffer.from() of a small slice shares an 8 KB pool slab, and
        // postMessage would copy the whole slab for every line.
        slot.line = new Uint8Array(pending.length ? Buffer.concat([...pending, tail]) : tail);
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
      scheduleFlush();
    });
    stdin.on('end', () => {
      // A final line without a newline is still a line; the empty remainder after the last newline is not.
      const before = queue.length;
      if (pendingBytes > 0 || oversized) take(Buffer.alloc(0));
      send(queue.slice(before).filter((s) => s.answer === undefined));
      ended = true;
      scheduleFlush();
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
