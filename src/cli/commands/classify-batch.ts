// `countersign classify --batch`: JSONL in, JSONL out, streaming. Every input line gets exactly
// one answer line in the same order, whatever it holds: bad JSON, invalid UTF-8, an empty line or
// an oversized line each get an "unknown" answer with an error code, and the batch goes on.
import { classify } from '../../classify/index.js';
import { ERRORS, type ErrorCode, type RiskReport } from '../../core/index.js';

/** A line longer than this is answered E_TOO_LARGE without being buffered (big plans fit). */
export const MAX_LINE_BYTES = 64 * 1024 * 1024;

const NL = 0x0a;
const decoder = new TextDecoder('utf-8', { fatal: true });

function failure(code: ErrorCode, detail: string): RiskReport {
  return { risk: 'unknown', summary: detail, findings: [], error: { code, message: `${ERRORS[code].message} ${detail}` } };
}

/** The answer line for one input line (without its newline). Never throws. */
export function answerLine(raw: Buffer, cwd?: string): string {
  let report: RiskReport;
  try {
    let text: string;
    try {
      text = decoder.decode(raw);
    } catch {
      report = failure('E_INVALID_UTF8', 'Send each action as one line of UTF-8 JSON.');
      return JSON.stringify(report);
    }
    if (text.endsWith('\r')) text = text.slice(0, -1);
    if (text.trim() === '') {
      report = failure('E_EMPTY_INPUT', 'This line is empty; send one JSON action per line.');
    } else {
      let action: unknown;
      try {
        action = JSON.parse(text);
      } catch (err) {
        report = failure('E_BAD_JSON', `This line is not JSON (${(err as Error).message.slice(0, 120)}).`);
        return JSON.stringify(report);
      }
      // --cwd is a default: an action that names its own cwd keeps it.
      const own = action !== null && typeof action === 'object' && 'cwd' in action;
      report = classify(action, cwd !== undefined && !own ? { cwd } : {});
    }
    return JSON.stringify(report);
  } catch (err) {
    return JSON.stringify(failure('E_INTERNAL', `Answering this line failed (${String(err).slice(0, 200)}).`));
  }
}

export function runBatch(cwd: string | undefined): Promise<number> {
  return new Promise((resolve) => {
    const stdin = process.stdin;
    const out = process.stdout;
    let pending: Buffer[] = [];
    let pendingBytes = 0;
    let oversized = false;

    const flushLine = (tail: Buffer, answers: string[]): void => {
      if (oversized) {
        answers.push(JSON.stringify(failure('E_TOO_LARGE', `This line is over ${MAX_LINE_BYTES} bytes; it was not read.`)));
      } else {
        const line = pending.length ? Buffer.concat([...pending, tail]) : tail;
        answers.push(answerLine(line, cwd));
      }
      pending = [];
      pendingBytes = 0;
      oversized = false;
    };

    const write = (answers: string[]): void => {
      if (answers.length === 0) return;
      if (!out.write(`${answers.join('\n')}\n`)) {
        stdin.pause();
        out.once('drain', () => stdin.resume());
      }
    };

    stdin.on('data', (chunk: Buffer) => {
      const answers: string[] = [];
      let start = 0;
      for (let nl = chunk.indexOf(NL, start); nl >= 0; nl = chunk.indexOf(NL, start)) {
        flushLine(chunk.subarray(start, nl), answers);
        start = nl + 1;
      }
      const rest = chunk.subarray(start);
      if (rest.length && !oversized) {
        pendingBytes += rest.length;
        // Copy: the stream may reuse its buffer.
        if (pendingBytes > MAX_LINE_BYTES) {
          oversized = true;
          pending = [];
        } else pending.push(Buffer.from(rest));
      }
      write(answers);
    });
    stdin.on('end', () => {
      const answers: string[] = [];
      // A final line without a newline is still a line; the empty remainder after the last newline is not.
      if (pendingBytes > 0 || oversized) flushLine(Buffer.alloc(0), answers);
      write(answers);
      resolve(0);
    });
    out.on('error', (err: NodeJS.ErrnoException) => {
      // The reader went away (`| head`): nobody is left to answer, so stop reading.
      stdin.destroy();
      if (err.code !== 'EPIPE') process.stderr.write(`countersign classify --batch: cannot write answers (${err.message}).\n`);
      resolve(err.code === 'EPIPE' ? 0 : 2);
    });
    stdin.on('error', (err) => {
      process.stderr.write(`countersign classify --batch: cannot read stdin (${err.message}).\n`);
      resolve(2);
    });
  });
}
