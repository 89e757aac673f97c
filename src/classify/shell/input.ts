// Checks on the raw command before any parsing: the cheap ways to make the parser or the walker
// misbehave (huge input, NUL bytes, broken UTF-16) are refused up front with a stable code.
import type { ClassifyError } from '../../core/index.js';

export const MAX_COMMAND_CHARS = 1_000_000;

// A lone surrogate means the text was not valid Unicode; U+FFFD means a decoder already replaced
// bytes that were not UTF-8, so what the agent sent is not what we would classify.
const BAD_UNICODE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]|\uFFFD/;

export function checkCommand(command: unknown): ClassifyError | null {
  if (typeof command !== 'string') {
    return { code: 'E_BAD_INPUT', message: 'The shell command must be a string. Send {"kind":"shell","command":"..."}.' };
  }
  if (command.length > MAX_COMMAND_CHARS) {
    return { code: 'E_TOO_LARGE', message: `The command is ${command.length} characters; the limit is ${MAX_COMMAND_CHARS}. Split it into smaller actions.` };
  }
  if (command.trim() === '') {
    return { code: 'E_EMPTY_INPUT', message: 'The command is empty. Send the command line the agent wants to run.' };
  }
  if (command.includes('\0')) {
    return { code: 'E_BAD_INPUT', message: 'The command contains a NUL byte, which no shell passes through; remove it.' };
  }
  if (BAD_UNICODE.test(command)) {
    return { code: 'E_INVALID_UTF8', message: 'The command is not valid UTF-8 (lone surrogate or replacement character); send the exact text.' };
  }
  return null;
}
