// One tree-sitter Parser for the process, loaded once. web-tree-sitter needs an async init (it
// instantiates wasm); after that parsing is synchronous, which is what keeps classify() sync.
import { createRequire } from 'node:module';
import { Language, Parser, type Node, type Tree } from 'web-tree-sitter';

export type { Node, Tree };

let parser: Parser | null = null;
let loading: Promise<void> | null = null;

export function initParser(): Promise<void> {
  if (parser) return Promise.resolve();
  if (!loading) {
    loading = (async () => {
      const require = createRequire(import.meta.url);
      await Parser.init();
      const lang = await Language.load(require.resolve('tree-sitter-bash/tree-sitter-bash.wasm'));
      const p = new Parser();
      p.setLanguage(lang);
      parser = p;
    })();
    // A failed load must be retryable, not cached as a rejected promise forever.
    loading.catch(() => {
      loading = null;
    });
  }
  return loading;
}

export function parserReady(): boolean {
  return parser !== null;
}

/** Longest time one parse may take. tree-sitter's cost grows with the number of tokens, and a
 * megabyte of one-letter words takes seconds; past this the action is unknown (E_TOO_MUCH_WORK). */
export const PARSE_DEADLINE_MS = 750;
// Below this size a parse is far under the deadline; skip the progress callback's overhead.
const CHECK_ABOVE_CHARS = 20_000;

export type ParseResult = Tree | 'not-ready' | 'too-slow';

/** Parse a script. The caller deletes the tree when done (wasm memory is not garbage collected). */
export function parseScript(text: string): ParseResult {
  if (!parser) return 'not-ready';
  if (text.length <= CHECK_ABOVE_CHARS) return parser.parse(text) ?? 'too-slow';
  const deadline = performance.now() + PARSE_DEADLINE_MS;
  const tree = parser.parse(text, null, { progressCallback: () => performance.now() > deadline });
  if (tree) return tree;
  // A cancelled parse resumes on the next call unless reset.
  parser.reset();
  return 'too-slow';
}

/** Named children, paying for them from the work budget first: marshalling half a million
 * children out of wasm is itself the slow part. */
export function kids(node: Node, pay: (n: number) => void): (Node | null)[] {
  const n = node.namedChildCount;
  if (n > 8) pay(n);
  return node.namedChildren;
}
