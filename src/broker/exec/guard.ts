// A brokered command runs with the target's credentials and its output goes back to the agent, so
// a command that prints its environment would hand the agent the secret. The plain ways are
// refused before anything is submitted; the broker also redacts credential values from output.
// (An obfuscated read still classifies as unknown, which a protected environment sends to humans.)
import type { Target } from '../../core/index.js';
import { SECRET_NAME } from './env.js';

const DUMPS: [RegExp, string][] = [
  [/(^|[\s;&|(`$])(env|printenv|export|declare|typeset|set|compgen)(\s*($|[;&|)`])|\s+-[pxv]\b)/, 'prints the environment'],
  [/\/proc\/[^\s/]+\/environ/, 'reads a process environment'],
  [/\benviron\b|\bENV\b\[|getenv|process\.env|os\.environ|\$ENV\{/, 'reads the environment from code'],
];

/** Why this command would expose the target's credentials, or null. */
export function exposesCredentials(command: string, target: Target): string | null {
  const names = [...Object.keys(target.credentials?.env ?? {}).filter((n) => SECRET_NAME.test(n)), ...Object.keys(target.credentials?.files ?? {})];
  for (const n of names) {
    if (command.includes(n)) return `it names ${n}, one of the secrets the broker injects`;
  }
  for (const [re, what] of DUMPS) if (re.test(command)) return `it ${what}, which holds the injected credentials`;
  return null;
}
