// Terminal narration for `countersign demo`: short lines a newcomer can follow. Colour only on a
// terminal that wants it (NO_COLOR is honoured), so piped output and tests read plain text.
import type { StarterPrincipal } from '../config/index.js';

export type Out = { write(s: string): unknown; isTTY?: boolean };

export function narrator(out: Out) {
  const colour = Boolean(out.isTTY) && !process.env['NO_COLOR'];
  const paint = (code: string) => (s: string) => (colour ? `\x1b[${code}m${s}\x1b[0m` : s);
  const bold = paint('1');
  const dim = paint('2');
  const red = paint('1;31');
  const green = paint('32');
  const yellow = paint('1;33');
  const line = (s = ''): void => void out.write(s + '\n');
  const status = (s: string): string => (s === 'allowed' || s === 'approved' ? green(s.toUpperCase()) : s === 'denied' || s === 'rejected' ? red(s.toUpperCase()) : yellow(s.toUpperCase()));
  return {
    line,
    bold,
    dim,
    heading(s: string): void {
      line();
      line(bold(s));
    },
    step(n: number, title: string): void {
      line();
      line(`${bold(`${n}.`)} ${title}`);
    },
    answer(s: string, detail: string): void {
      line(`   -> ${status(s)}  ${detail}`);
    },
    note(s: string): void {
      line(`   ${dim(s)}`);
    },
    warn(s: string): void {
      line(`   ${red(s)}`);
    },
    team(principals: StarterPrincipal[]): void {
      const who = (p: StarterPrincipal): string =>
        p.kind === 'agent' ? `the coding agent (operated by ${p.operator})` : p.id === 'senior-a' ? 'senior; operates agent-1, so can never approve its requests' : `${p.roles!.join(', ')}`;
      const w = Math.max(...principals.map((p) => p.id.length));
      const ww = Math.max(...principals.map((p) => who(p).length));
      for (const p of principals) line(`  ${p.id.padEnd(w)}  ${who(p).padEnd(ww)}  ${p.token}`);
    },
  };
}

export type Narrator = ReturnType<typeof narrator>;
