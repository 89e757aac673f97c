// Commands that carry another command (`heroku run cmd`, `railway run -- cmd`, `fly ssh console
// -C 'cmd'`): a single quoted word is a script for the shell walker; several words are one command.
import type { RuleHit } from './types.js';
import { carried, subInvocation } from './table.js';
import type { Invocation, ToolContext } from './types.js';

export function carryWords(inv: Invocation, ctx: ToolContext, words: readonly string[], via: string): RuleHit | null {
  const rest = words[0] === '--' ? words.slice(1) : words;
  if (rest.length === 0) return null;
  if (rest.length === 1) {
    const r = ctx.shell(rest[0] ?? '');
    return { risk: r.risk, effect: 'run-command', explanation: `${via}: ${r.summary}` };
  }
  const sub = subInvocation(inv, rest);
  return sub === null ? null : carried(ctx.invocation(sub), via);
}

/** The words after `verb` with the named leading options (and their values) skipped. */
export function afterVerb(args: readonly string[], verb: string, valued: readonly string[]): string[] | null {
  const i = args.indexOf(verb);
  if (i < 0) return null;
  const out = args.slice(i + 1);
  let k = 0;
  while (k < out.length) {
    const a = out[k] ?? '';
    if (a === '--') return out.slice(k + 1);
    if (!a.startsWith('-')) break;
    k += valued.includes(a) ? 2 : 1;
  }
  return out.slice(k);
}
