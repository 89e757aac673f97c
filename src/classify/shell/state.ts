// The walker's per-action state and its bounds. One State lives for one classifyShell() call;
// nested scripts (bash -c, eval, $(...)) share its budget so nesting cannot multiply the work.
import type { ClassifyError, Finding } from '../../core/index.js';
import type { ToolContext } from '../tools/types.js';

/** Where a command's stdin (or a substitution's output) comes from, as far as the walker knows. */
export type Source = 'literal' | 'decode' | 'remote' | 'file' | 'other' | 'none';

/** What a command writes to stdout: its text when the walker can know it (echo, printf, cat <<EOF). */
export type Output = {
  text?: string;
  source: Source;
  /** The producer, for explanations ("base64", "curl", a file name). */
  what?: string;
  /** The text holds expansions the walker could not resolve (kept as their source text). */
  dynamic?: boolean;
};

/** One evaluated word: the value the program receives, and whether part of it is unknown. */
export type Word = {
  value: string;
  dynamic: boolean;
  /** Set for a bare `<(...)` / `>(...)` word: what reading that file would give. */
  proc?: Output;
  /** The word holds an unquoted `{a,b}` that bash expands into several words. */
  brace?: boolean;
  /** Holds an unquoted expansion: bash splits its value into several words on IFS. */
  split?: boolean;
  /** A `( ... )` or `{ ... }` group in argument position (`time (cmd)`), already walked. */
  ran?: boolean;
};

export const MAX_NESTING = 64;
export const MAX_AST_DEPTH = 400;
export const MAX_WORK = 200_000;
export const MAX_REPARSE_CHARS = 4_000_000;

/** Variable values: a string when known, null when assigned but not knowable. */
export type Vars = Map<string, string | null>;

export type State = {
  findings: Finding[];
  vars: Vars;
  /** Functions defined so far: name -> body text, re-walked with the arguments of each call. */
  funcs: Map<string, string>;
  /** Positional parameters $1.. as a list when known (for "$@"), null when unknown. */
  argv: string[] | null;
  /** Set by runCommand just before dispatch: only a direct call can reach a shell function
   * (`command git`, `sudo git`, `xargs git` run the program). */
  direct: boolean;
  /** Findings from the bodies of functions not (yet) called directly. */
  uncalled: Map<string, Finding[]>;
  /** Functions whose call is being walked (a recursive call is not walked again). */
  calling: Set<string>;
  /** Files written earlier in this script with known contents (files.ts). */
  files: Map<string, { text: string; dynamic: boolean }>;
  cwd?: string;
  /** The workspace root: the cwd the action was proposed from. */
  workspace?: string;
  nesting: number;
  astDepth: number;
  /** >0 inside a branch or loop: assignments there may or may not happen. */
  cond: number;
  work: number;
  reparsed: number;
  /** Name of the function whose body is being walked (a self-call there may be a fork bomb). */
  inFunction?: string | undefined;
  /** The function being walked pipes or backgrounds something. */
  forkish?: boolean;
  /** The tables' view of the walker, built once per action. */
  ctx?: ToolContext;
  /** First "could not understand" error, reported when the answer ends up unknown. */
  error?: ClassifyError;
};

/** Thrown to abandon the whole action when a bound is hit; caught once in classifyShell. */
export class Bail extends Error {
  constructor(readonly info: ClassifyError) {
    super(info.message);
  }
}

export function newState(cwd?: string): State {
  const st: State = { findings: [], vars: new Map(), funcs: new Map(), uncalled: new Map(), calling: new Set(), argv: null, direct: false, files: new Map(), nesting: 0, astDepth: 0, cond: 0, work: 0, reparsed: 0 };
  if (cwd !== undefined) {
    st.cwd = cwd;
    st.workspace = cwd;
  }
  return st;
}

export function tick(st: State, n = 1): void {
  st.work += n;
  if (st.work > MAX_WORK) {
    throw new Bail({ code: 'E_TOO_MUCH_WORK', message: `The command needs more than ${MAX_WORK} walk steps; split it into smaller actions.` });
  }
}

export function noteError(st: State, err: ClassifyError): void {
  if (!st.error) st.error = err;
}

export function add(st: State, f: Finding): void {
  // Bound the report: past this many findings the answer cannot change (unknown/destructive are
  // already recorded); keep the rest out so the output stays small.
  if (st.findings.length < 200) st.findings.push(f);
  else if (f.risk === 'destructive' && !st.findings.some((x) => x.risk === 'destructive')) st.findings.push(f);
}
