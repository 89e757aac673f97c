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
  if (bracketDepth(command) > MAX_BRACKET_DEPTH) {
    return { code: 'E_TOO_DEEP', message: `The command nests brackets more than ${MAX_BRACKET_DEPTH} levels deep; simplify it.` };
  }
  return null;
}

/** Far above any real command, far below what makes parsing slow. Deciding this before parsing
 * keeps the answer for absurd nesting the same on a busy machine and an idle one. */
export const MAX_BRACKET_DEPTH = 256;

function bracketDepth(text: string): number {
  let depth = 0;
  let max = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 40 || c === 123) {
      if (++depth > max) max = depth;
    } else if ((c === 41 || c === 125) && depth > 0) depth--;
  }
  return max;
}
