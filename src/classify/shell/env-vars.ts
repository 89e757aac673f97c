// Environment variables that name programs or code. `GIT_PAGER='rm -rf ~' git log` runs the pager
// value through a shell; `LD_PRELOAD=/tmp/x.so ls` loads code into ls. An assignment to one of
// these is judged by what it makes run: a command line is classified as shell, a code or library
// path is code the classifier cannot see (unknown). Applied to prefix assignments, `env NAME=v`,
// plain assignments and `export`/`declare -x` alike, since each reaches later programs.
import { reparse } from './nested.js';
import { add, type State, type Word } from './state.js';
import { snippet } from './words.js';

type EnvKind =
  /** The value is a command line run by a shell (git and man run pagers and editors with sh -c). */
  | 'command'
  /** The value names code or a library directory that is loaded into the program. */
  | 'code'
  /** The value is a list of options; only some of them load code (CODE_OPTIONS). */
  | 'options'
  /** A prompt string: its `$(...)` runs whenever it is shown (PS4 on every traced line). */
  | 'prompt'
  /** A search path: an entry outside the system's program directories can shadow any command. */
  | 'search-path';

const KIND: ReadonlyMap<string, EnvKind> = new Map<string, EnvKind>([
  ...['GIT_EXTERNAL_DIFF', 'GIT_PAGER', 'PAGER', 'MANPAGER', 'SYSTEMD_PAGER', 'PSQL_PAGER', 'GIT_SSH_COMMAND', 'GIT_SSH', 'GIT_ASKPASS', 'SSH_ASKPASS',
    'SUDO_ASKPASS', 'GIT_PROXY_COMMAND', 'EDITOR', 'VISUAL', 'GIT_EDITOR', 'GIT_SEQUENCE_EDITOR', 'KUBE_EDITOR', 'FCEDIT', 'BROWSER',
    'PROMPT_COMMAND', 'LESSOPEN', 'LESSCLOSE', 'DIFF_TOOL'].map((n) => [n, 'command'] as const),
  ...['LD_PRELOAD', 'LD_LIBRARY_PATH', 'LD_AUDIT', 'DYLD_INSERT_LIBRARIES', 'DYLD_LIBRARY_PATH', 'BASH_ENV', 'ENV', 'PYTHONSTARTUP', 'PYTHONPATH',
    'PYTHONHOME', 'PERL5OPT', 'PERL5LIB', 'PERLLIB', 'RUBYLIB', 'NODE_PATH', 'GIT_EXEC_PATH', 'GIT_CONFIG_PARAMETERS', 'GIT_CONFIG_COUNT',
    'GIT_CONFIG_GLOBAL', 'GIT_CONFIG_SYSTEM', 'GIT_TEMPLATE_DIR'].map((n) => [n, 'code'] as const),
  ...['NODE_OPTIONS', 'RUBYOPT', 'JAVA_TOOL_OPTIONS', '_JAVA_OPTIONS', 'JDK_JAVA_OPTIONS'].map((n) => [n, 'options'] as const),
  ...['PS0', 'PS1', 'PS2', 'PS3', 'PS4'].map((n) => [n, 'prompt'] as const),
  ['PATH', 'search-path'],
]);

// `--max-old-space-size=4096` is routine; `--require x.js`, `-rdebug`, `-javaagent:x.jar` load code.
const CODE_OPTIONS = /(?:^|\s)(?:-r|-I|--require|--import|--(?:experimental-)?loader|-javaagent|-agentpath|-agentlib)/;
const SYSTEM_TREE = /^\/(?:usr|snap|nix\/store)\/[^$`]*$/;
const SYSTEM_BIN = new Set(['/usr/local/bin', '/usr/local/sbin', '/usr/bin', '/bin', '/usr/sbin', '/sbin', '/opt/homebrew/bin', '$PATH', '${PATH}']);

/** Judge `name=value` as an environment change for the commands that follow. */
export function checkEnv(name: string, value: Word, st: State): void {
  const kind = KIND.get(name);
  if (kind === undefined || (value.value === '' && !value.dynamic)) return;
  const v = value.value;
  switch (kind) {
    case 'command': {
      if (value.dynamic) return unknown(st, name, v, `${name} is a command line built from expansions the classifier cannot resolve`);
      // LESSOPEN="|cmd %s": the leading pipes only say how less reads the command's output.
      reparse(name === 'LESSOPEN' || name === 'LESSCLOSE' ? v.replace(/^[|-]+/, '') : v, st, { via: `${name}=` });
      return;
    }
    case 'code':
      return unknown(st, name, v, `${name} makes programs load code or configuration from ${snippet(v)}, which the classifier cannot see`);
    case 'options':
      if (value.dynamic || CODE_OPTIONS.test(v)) return unknown(st, name, v, `${name} makes the runtime load code given in its options (${snippet(v)})`);
      return;
    case 'prompt':
      if (/\$\(|`/.test(v)) return unknown(st, name, v, `${name} holds a command substitution that runs each time the prompt is shown`);
      return;
    case 'search-path':
      // Entries under root-owned system trees (/usr/local/go/bin) cannot be planted by the agent.
      if (v.split(':').some((d) => d !== '' && !SYSTEM_BIN.has(d) && !SYSTEM_TREE.test(d))) {
        return unknown(st, name, v, `${name} puts ${snippet(v)} before the system's programs, so any later command name may run something else`);
      }
  }
}

function unknown(st: State, name: string, value: string, explanation: string): void {
  add(st, { rule: 'shell.env-code', risk: 'unknown', effect: 'run-unknown-code', target: `${name}=${snippet(value)}`, explanation, tool: 'shell' });
}
