// One `--batch` input line to one answer line. Runs inside the batch worker thread (the main
// thread never loads the classifier).
import { classify } from '../../classify/index.js';
import { failureLine } from './classify-batch.js';

const decoder = new TextDecoder('utf-8', { fatal: true });

/** The answer line for one input line (without its newline). Never throws. */
export function answerLine(raw: Uint8Array, cwd?: string): string {
  try {
    let text: string;
    try {
      text = decoder.decode(raw);
    } catch {
      return failureLine('E_INVALID_UTF8', 'This line is not valid UTF-8; send each action as one line of UTF-8 JSON.');
    }
    if (text.endsWith('\r')) text = text.slice(0, -1);
    if (text.trim() === '') return failureLine('E_EMPTY_INPUT', 'This line is empty; send one JSON action per line.');
    let action: unknown;
    try {
      action = JSON.parse(text);
    } catch (err) {
      return failureLine('E_BAD_JSON', `This line is not JSON (${(err as Error).message.slice(0, 120)}); send one JSON action per line.`);
    }
    // --cwd is a default: an action that names its own cwd keeps it.
    const own = action !== null && typeof action === 'object' && 'cwd' in action;
    return JSON.stringify(classify(action, cwd !== undefined && !own ? { cwd } : {}));
  } catch (err) {
    return failureLine('E_INTERNAL', `Answering this line failed (${String(err).slice(0, 200)}); it is treated as unknown.`);
  }
}
