// YAML text -> plain data, keeping the node tree so any path in the data can be turned back into
// "file:line:col". A syntax error (or a duplicate key, which YAML parsers otherwise resolve by
// silently keeping one of the two, or an unresolved tag) is E_CONFIG_PARSE naming where it is.
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import { CountersignError } from '../core/index.js';
import type { Path } from '../policy/index.js';

export type Source = {
  data: unknown;
  /** "file:line:col" of the value at `path` (or of its key, for unknown keys); the nearest
   * existing ancestor when the path does not exist. */
  locate(path: Path, atKey?: boolean): string;
};

const MAX_ALIASES = 100; // a "billion laughs" document must not expand without bound

export function readYaml(text: string, fileName: string): Source {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true, strict: true });
  const where = (offset: number): string => {
    const p = lines.linePos(offset);
    return `${fileName}:${Math.max(1, p.line)}:${p.col}`;
  };
  // Warnings (an unresolved custom tag, ...) count as errors: a value read differently from how
  // it was meant is exactly what a security config must not have.
  const problems = [...doc.errors, ...doc.warnings];
  if (problems.length) {
    const list = problems.map((e) => `${where(e.pos[0])}: ${firstLine(e.message)}`);
    throw new CountersignError('E_CONFIG_PARSE', `Fix the YAML syntax:\n  ${list.join('\n  ')}`, { issues: list });
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIASES });
  } catch (err) {
    throw new CountersignError('E_CONFIG_PARSE', `${fileName}: ${String(err instanceof Error ? err.message : err)}. Use fewer aliases.`);
  }
  return { data, locate: (path, atKey = false) => where(offsetOf(doc, path, atKey)) };
}

function offsetOf(doc: Document, path: Path, atKey: boolean): number {
  let node: unknown = doc.contents;
  let offset = rangeStart(node) ?? 0;
  for (let i = 0; i < path.length; i++) {
    const seg = path[i];
    const last = i === path.length - 1;
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && (isScalar(p.key) ? String(p.key.value) : String(p.key)) === String(seg));
      if (!pair) return offset;
      if (last && atKey) return rangeStart(pair.key) ?? offset;
      node = pair.value;
    } else if (isSeq(node) && typeof seg === 'number') {
      node = node.items[seg];
    } else return offset;
    const start = rangeStart(node);
    if (start === undefined) return offset;
    offset = start;
  }
  return offset;
}

function rangeStart(node: unknown): number | undefined {
  const r = (node as Node | undefined)?.range;
  return Array.isArray(r) ? r[0] : undefined;
}

function firstLine(s: string): string {
  return s.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
}
