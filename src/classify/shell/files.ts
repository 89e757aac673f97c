// Files this script writes with known text (`cat > run.sh <<EOF ... EOF`, `echo ... > x.py`,
// `tee`), so that running them later in the same script (`bash run.sh`, `./run.sh`,
// `python3 x.py`, `source run.sh`) is judged by their contents instead of as unseen code.
import type { Output, State } from './state.js';

export type KnownFile = { text: string; dynamic: boolean };

/** One key per file: relative paths are resolved against the current directory. */
export function fileKey(path: string, st: State): string {
  const p = path.startsWith('/') || st.cwd === undefined ? path : `${st.cwd}/${path}`;
  const segs: string[] = [];
  for (const s of p.split('/')) {
    if (s === '' || s === '.') continue;
    if (s === '..') segs.pop();
    else segs.push(s);
  }
  return (p.startsWith('/') ? '/' : '') + segs.join('/');
}

export function recordWrite(st: State, path: string, out: Output, append: boolean): void {
  const key = fileKey(path, st);
  if (out.text === undefined || out.source !== 'literal') {
    // Written with content we do not know: forget anything we knew about it.
    st.files.delete(key);
    return;
  }
  const prev = append ? st.files.get(key) : undefined;
  if (append && !prev) {
    // Appending to a file whose earlier contents we never saw: the whole is still unknown.
    st.files.delete(key);
    return;
  }
  st.files.set(key, { text: (prev?.text ?? '') + out.text, dynamic: (prev?.dynamic ?? false) || out.dynamic === true });
}

export function knownFile(st: State, path: string): KnownFile | undefined {
  return st.files.get(fileKey(path, st));
}

/** The interpreter a script's `#!` line names, when it is not a shell. */
export function shebang(text: string): string | undefined {
  const m = /^#!\s*(\S+)(?:\s+(\S+))?/.exec(text);
  if (!m) return undefined;
  const prog = m[1]!.slice(m[1]!.lastIndexOf('/') + 1);
  return prog === 'env' ? m[2] : prog;
}
