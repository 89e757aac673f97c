// Heredoc and here-string text: what the command reads on stdin. An unquoted delimiter lets the
// outer shell expand the body first, so its substitutions run and are walked here.
import { kids, type Node } from './parser.js';
import { tick, type State, type Word } from './state.js';
import { evalWord } from './words.js';

export function heredocText(node: Node, st: State): Word {
  let quoted = false;
  let stripTabs = false;
  let body: Node | null = null;
  for (const c of node.children) {
    if (!c) continue;
    if (c.type === '<<-') stripTabs = true;
    else if (c.type === 'heredoc_start') quoted = /['"\\]/.test(c.text);
    else if (c.type === 'heredoc_body') body = c;
  }
  if (!body) return { value: '', dynamic: false };
  let value = '';
  let dynamic = false;
  if (quoted || body.namedChildCount === 0) {
    value = quoted ? body.text : unescapeHeredoc(body.text);
  } else {
    const text = body.text;
    const base = body.startIndex;
    let pos = 0;
    for (const c of kids(body, (n) => tick(st, n))) {
      if (!c) continue;
      tick(st);
      const start = c.startIndex - base;
      if (start > pos) value += unescapeHeredoc(text.slice(pos, start));
      if (c.type === 'heredoc_content') value += unescapeHeredoc(c.text);
      else {
        const w = evalWord(c, st);
        value += w.value;
        dynamic ||= w.dynamic;
      }
      pos = c.endIndex - base;
    }
    if (pos < text.length) value += unescapeHeredoc(text.slice(pos));
  }
  if (stripTabs) value = value.replace(/^\t+/gm, '');
  return { value, dynamic };
}

// In an unquoted heredoc a backslash only quotes $ ` \ and newline.
function unescapeHeredoc(text: string): string {
  if (!text.includes('\\')) return text;
  return text.replace(/\\([$`\\\n])/g, (_m, c: string) => (c === '\n' ? '' : c));
}
