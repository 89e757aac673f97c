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

/** Parse a script. Returns null when the parser is not initialised or gives up; the caller
 * deletes the tree when done (wasm memory is not garbage collected). */
export function parseScript(text: string): Tree | null {
  if (!parser) return null;
  return parser.parse(text);
}
