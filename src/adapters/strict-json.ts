// Hook input is parsed strictly: an object with the same key twice is refused. JSON.parse keeps the
// last value and some hosts keep the first, so `{"command":"rm -rf ~","command":"ls"}` could be
// judged as one command and run as the other.
import { CountersignError } from '../core/errors.js';

function badJson(message: string): CountersignError {
  const e = new CountersignError('E_BAD_JSON');
  e.message = message;
  return e;
}

/** Parses JSON text; E_BAD_JSON when it is not JSON or when any object repeats a key. */
export function parseStrictJson(text: string, what = 'The hook input'): unknown {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw badJson(`${what} is not JSON; the call is not allowed.`);
  }
  const dup = duplicateKey(text);
  if (dup !== undefined) throw badJson(`${what} has the key "${dup.slice(0, 60)}" twice in one object; hosts differ on which one counts, so the call is not allowed. Send each key once.`);
  return value;
}

/** The first key that appears twice in one object of (already valid) JSON text, if any. */
export function duplicateKey(text: string): string | undefined {
  // One entry per open container: a key set for an object, null for an array.
  const stack: (Set<string> | null)[] = [];
  // Whether the next string inside the innermost object is a key.
  let expectKey = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '"') {
      let j = i + 1;
      while (text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
      const top = stack[stack.length - 1];
      if (expectKey && top) {
        const key = JSON.parse(text.slice(i, j + 1)) as string;
        if (top.has(key)) return key;
        top.add(key);
        expectKey = false;
      }
      i = j;
    } else if (c === '{') {
      stack.push(new Set());
      expectKey = true;
    } else if (c === '[') {
      stack.push(null);
      expectKey = false;
    } else if (c === '}' || c === ']') {
      stack.pop();
      expectKey = false;
    } else if (c === ',') {
      expectKey = stack[stack.length - 1] instanceof Set;
    }
  }
  return undefined;
}
