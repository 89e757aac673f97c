// A tiny argument parser: `--flag`, `--key value`, `--key=value`, and `--` ending options.
// Unknown flags are an error so a typo never silently changes a security decision.

export type ParsedArgs = { flags: Record<string, string | true>; positionals: string[]; rest: string[] };

export class UsageError extends Error {
  readonly code = 'E_USAGE';
}

export function parseArgs(argv: string[], spec: { boolean?: string[]; string?: string[] }): ParsedArgs {
  const bools = new Set(spec.boolean ?? []);
  const strings = new Set(spec.string ?? []);
  const flags: Record<string, string | true> = {};
  const positionals: string[] = [];
  let rest: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') {
      rest = argv.slice(i + 1);
      break;
    }
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      const name = eq > 0 ? a.slice(2, eq) : a.slice(2);
      if (bools.has(name) && eq < 0) flags[name] = true;
      else if (strings.has(name)) {
        const v = eq > 0 ? a.slice(eq + 1) : argv[++i];
        if (v === undefined) throw new UsageError(`--${name} needs a value`);
        flags[name] = v;
      } else throw new UsageError(`unknown option --${name}`);
    } else if (a === '-h') flags['help'] = true;
    else positionals.push(a);
  }
  return { flags, positionals, rest };
}
