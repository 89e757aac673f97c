// What a command writes to stdout, as far as the walker can know: the text of echo/printf/cat of
// a literal, or only where it comes from (a decoder, the network, something else). This is how
// `echo 'rm -rf /' | sh` is read while `base64 -d | sh` and `curl | sh` stay unknown.
import { decodeAnsiC } from './escapes.js';
import type { Output, Word } from './state.js';

// Programs whose output is a transformation of their input: piped to a shell, they hide the code.
const DECODERS = new Set([
  'base64', 'base32', 'basenc', 'xxd', 'od', 'rev', 'tr', 'openssl', 'gunzip', 'gzip', 'zcat', 'bzcat', 'bunzip2', 'bzip2',
  'xz', 'xzcat', 'unxz', 'zstd', 'zstdcat', 'unzstd', 'lz4', 'lz4cat', 'uudecode', 'iconv', 'sed', 'awk', 'gawk', 'perl', 'python', 'python3',
  'ruby', 'node', 'rot13', 'caesar', 'gpg', 'age', 'hexdump', 'unzip', 'tar', 'cut', 'fold', 'dd',
]);
// Programs whose output comes from somewhere else on the network.
const REMOTE = new Set(['curl', 'wget', 'fetch', 'http', 'https', 'xh', 'aria2c', 'lynx', 'links', 'w3m', 'nc', 'ncat', 'netcat', 'socat', 'ssh', 'scp', 'gh', 'aws', 'gsutil', 'gcloud', 'az', 'kubectl', 'invoke-webrequest', 'iwr', 'irm']);
// Programs that copy stdin to stdout unchanged.
const PASS = new Set(['cat', 'tee', 'head', 'tail', 'sort', 'uniq', 'tac']);

const OTHER: Output = { source: 'other' };

export function outputOf(name: string, args: readonly Word[], stdin?: Output): Output {
  if (name === 'echo') return echo(args);
  if (name === 'printf') return printf(args);
  if (PASS.has(name)) {
    const files = args.filter((a) => !a.value.startsWith('-') || a.value === '-');
    const onlyStdin = files.length === 0 || files.every((a) => a.value === '-');
    if (onlyStdin && stdin) return name === 'cat' || name === 'tee' ? stdin : { source: stdin.source === 'literal' ? 'other' : stdin.source, what: name };
    if (name === 'cat' && files.length > 0) return { source: 'file', what: files.map((f) => f.value).join(' ') };
    return OTHER;
  }
  if (DECODERS.has(name)) return { source: 'decode', what: name };
  if (REMOTE.has(name)) return { source: 'remote', what: name };
  return { source: 'other', what: name };
}

function echo(args: readonly Word[]): Output {
  let i = 0;
  let newline = true;
  let escapes = false;
  while (i < args.length && /^-[neE]+$/.test(args[i]!.value)) {
    const f = args[i]!.value;
    if (f.includes('n')) newline = false;
    if (f.includes('e')) escapes = true;
    if (f.includes('E')) escapes = false;
    i++;
  }
  const rest = args.slice(i);
  if (rest.some((a) => a.dynamic)) return { source: 'literal', text: rest.map((a) => a.value).join(' ') + (newline ? '\n' : ''), dynamic: true };
  let text = rest.map((a) => a.value).join(' ');
  if (escapes) text = decodeAnsiC(text);
  return { source: 'literal', text: newline ? text + '\n' : text };
}

function printf(args: readonly Word[]): Output {
  let i = 0;
  if (args[0]?.value === '--') i = 1;
  const fmt = args[i];
  if (!fmt || args.some((a) => a.dynamic)) return { source: 'other', what: 'printf of an expansion' };
  if (fmt.value === '-v') return { source: 'none' };
  const vals = args.slice(i + 1).map((a) => a.value);
  const f = fmt.value;
  // Only %s, %b and %% are rendered; any other conversion means we do not know the text exactly.
  if (/%[^sb%]/.test(f)) return { source: 'other', what: 'printf with a numeric format' };
  let out = '';
  let k = 0;
  do {
    out += decodeAnsiC(f).replace(/%([sb%])/g, (_m, c: string) => (c === '%' ? '%' : c === 'b' ? decodeAnsiC(vals[k++] ?? '') : (vals[k++] ?? '')));
  } while (k > 0 && k < vals.length);
  return { source: 'literal', text: out };
}
