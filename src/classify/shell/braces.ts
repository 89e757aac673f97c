// Brace expansion (`rm -rf ./{dist,build}` is two paths). Only comma lists are expanded; ranges
// and anything unbalanced stay literal. The result is capped so `{a,b}{c,d}...` cannot explode.

const MAX_WORDS = 64;

export function expandBraces(value: string): string[] {
  const out: string[] = [];
  expand(value, out);
  return out.length > 0 ? out : [value];
}

function expand(value: string, out: string[]): void {
  if (out.length >= MAX_WORDS) return;
  const open = value.indexOf('{');
  if (open < 0) {
    out.push(value);
    return;
  }
  // Find the matching close brace and the top-level commas inside it.
  let depth = 0;
  const commas: number[] = [];
  let close = -1;
  for (let i = open; i < value.length; i++) {
    const c = value[i];
    if (c === '{') depth++;
    else if (c === '}') {
      depth--;
      if (depth === 0) {
        close = i;
        break;
      }
    } else if (c === ',' && depth === 1) commas.push(i);
  }
  if (close < 0 || commas.length === 0) {
    // Not an expansion here: keep this brace literal and look further on.
    const rest: string[] = [];
    expand(value.slice(open + 1), rest);
    for (const r of rest) if (out.length < MAX_WORDS) out.push(value.slice(0, open + 1) + r);
    return;
  }
  const head = value.slice(0, open);
  const tail = value.slice(close + 1);
  const cuts = [open, ...commas, close];
  for (let k = 0; k + 1 < cuts.length; k++) {
    expand(head + value.slice(cuts[k]! + 1, cuts[k + 1]) + tail, out);
  }
}
