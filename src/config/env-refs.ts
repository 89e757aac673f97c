// `$NAME` / `${NAME}` references, resolved once at load time from Countersign's own environment
// (never the agent's). `$$` is a literal dollar sign. A reference to an unset variable is a load
// error: silently substituting "" would hand the broker an empty password or an empty path.
import type { Checker, Path } from '../policy/index.js';

export type Env = Record<string, string | undefined>;

const REF = /\$(?:\$|\{([A-Za-z_][A-Za-z0-9_]*)\}|([A-Za-z_][A-Za-z0-9_]*))/g;

export function expandRefs(c: Checker, text: string, path: Path, env: Env): string | null {
  let missing: string | null = null;
  const out = text.replace(REF, (whole, braced?: string, bare?: string) => {
    if (whole === '$$') return '$';
    const name = (braced ?? bare)!;
    const v = env[name];
    if (v === undefined) missing ??= name;
    return v ?? '';
  });
  if (/\$(?![$A-Za-z_{])|\$\{(?![A-Za-z_][A-Za-z0-9_]*\})/.test(text.replace(REF, ''))) {
    return c.fail(path, 'has a "$" that is not a reference; write $NAME or ${NAME} for a variable and $$ for a literal dollar sign');
  }
  if (missing !== null) return c.fail(path, `refers to $${missing}, which is not set in Countersign's environment; set it before starting Countersign or remove the reference`);
  return out;
}

/** `env_from: {PGPASSWORD: PROD_DB_PASSWORD}`: the value is the name of a variable to copy. */
export function fromEnv(c: Checker, name: string, path: Path, env: Env): string | null {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) return c.fail(path, `"${name}" is not an environment variable name`);
  const v = env[name];
  if (v === undefined) return c.fail(path, `names $${name}, which is not set in Countersign's environment; set it before starting Countersign`);
  return v;
}
