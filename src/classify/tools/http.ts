// HTTP clients: curl, wget, HTTPie/xh. The request's method, URL and body decide (http-intent.ts);
// saving the response to a file is a routine local change.
import type { Risk } from '../../core/index.js';
import { maxRisk } from '../../core/index.js';
import { parseArgs, val, vals, has } from './argv.js';
import { judgeRequest, type Judgement } from './http-intent.js';
import { defineTable } from './table.js';
import { rule } from './verbs.js';
import type { Invocation, ToolTable } from './types.js';

const CURL_VALUED = [
  '-X', '--request', '-d', '--data', '--data-raw', '--data-binary', '--data-urlencode', '--data-ascii', '--json',
  '-F', '--form', '--form-string', '-T', '--upload-file', '-H', '--header', '-u', '--user', '-o', '--output',
  '-A', '--user-agent', '-e', '--referer', '-b', '--cookie', '-c', '--cookie-jar', '-K', '--config', '--url',
  '-x', '--proxy', '-w', '--write-out', '-m', '--max-time', '--connect-timeout', '--retry', '-r', '--range',
  '-E', '--cert', '--key', '--cacert', '--capath', '--resolve', '--connect-to', '-U', '--proxy-user', '-z',
  '--time-cond', '-Y', '--speed-limit', '-y', '--speed-time', '--limit-rate', '--interface', '--oauth2-bearer',
  '--aws-sigv4', '-C', '--continue-at', '-D', '--dump-header', '--trace', '--trace-ascii', '--stderr', '-P',
  '--ftp-port', '-Q', '--quote', '--max-filesize', '--variable', '--url-query', '--unix-socket',
  '--abstract-unix-socket', '--noproxy', '--local-port', '--pass', '--request-target', '--retry-delay',
  '--retry-max-time', '--output-dir', '--proto', '--proto-redir', '--netrc-file', '--mail-from', '--mail-rcpt',
  '--dns-servers', '--doh-url', '--ciphers', '--etag-save', '--etag-compare', '--create-file-mode', '--proxy-header',
  '--cert-type', '--key-type', '--happy-eyeballs-timeout-ms', '--keepalive-time', '--expect100-timeout', '--max-redirs',
];
const CURL_DATA = ['-d', '--data', '--data-raw', '--data-binary', '--data-urlencode', '--data-ascii', '--json', '-F', '--form', '--form-string'];

type Request = { method: string; urls: string[]; body?: string };

export function curlRequest(inv: Invocation): Request {
  const p = parseArgs(inv.args, { valued: CURL_VALUED });
  const data = vals(p, ...CURL_DATA);
  let method = val(p, '-X', '--request');
  if (method === undefined) {
    if (has(p, '-I', '--head')) method = 'HEAD';
    else if (has(p, '-T', '--upload-file')) method = 'PUT';
    else if (data.length > 0 && !has(p, '-G', '--get')) method = 'POST';
    else method = 'GET';
  }
  const urls = [...p.pos, ...vals(p, '--url')].filter((u) => u !== '');
  return { method, urls, ...(data.length > 0 ? { body: data.join('&') } : {}) };
}

function judgeAll(req: Request): Judgement {
  const urls = req.urls.length > 0 ? req.urls : [''];
  let worst: Judgement | undefined;
  for (const u of urls) {
    const j = judgeRequest(req.method, u, req.body);
    if (worst === undefined || maxRisk(worst.risk, j.risk) !== worst.risk) worst = j;
  }
  return worst as Judgement;
}

const SYSTEM_FILE = /^\/(etc|usr|bin|sbin|lib|lib64|boot)\//;
function outputRisk(paths: readonly string[]): { risk: Risk; path: string } | null {
  const real = paths.filter((o) => o !== '-' && o !== '/dev/null' && o !== '');
  if (real.length === 0) return null;
  const sys = real.find((o) => SYSTEM_FILE.test(o));
  return sys !== undefined ? { risk: 'destructive', path: sys } : { risk: 'mutating', path: real[0] ?? '' };
}

const requestRule = (id: string, toReq: (inv: Invocation) => Request | null, ex: { match: string[]; no_match: string[] }) =>
  rule(id, 'destructive', 'http-request', 'an HTTP request, judged by method, path and body', (inv) => {
    const req = toReq(inv);
    if (req === null) return null;
    const j = judgeAll(req);
    return { risk: j.risk, effect: j.effect, explanation: `${inv.name}: ${j.explanation}`, ...(req.urls[0] !== undefined ? { target: req.urls[0] } : {}) };
  }, ex);

export const CURL: ToolTable = defineTable({
  name: 'curl',
  commands: ['curl', 'curlie'],
  rules: [
    rule('curl.config-file', 'unknown', 'hidden-options', 'curl -K reads options (method, URL, data) from a file the classifier cannot see', (inv) => {
      const p = parseArgs(inv.args, { valued: CURL_VALUED });
      return has(p, '-K', '--config');
    }, { match: ['curl -K ./request.cfg', 'curl --config ops.curlrc https://api.example.org'], no_match: ['curl https://api.example.org/health'] }),
    rule('curl.ftp-delete', 'destructive', 'delete-files', 'curl -Q sends FTP commands that delete files or directories', (inv) => {
      const p = parseArgs(inv.args, { valued: CURL_VALUED });
      return vals(p, '-Q', '--quote').some((q) => /^[-+*]?\s*(DELE|RMD|rm|rmdir|XRMD)\b/i.test(q));
    }, { match: ['curl -Q "DELE backups/db.tar" ftp://files.example.org/'], no_match: ['curl -Q "NOOP" ftp://files.example.org/'] }),
    rule('curl.output', 'mutating', 'write-file', 'saves the response to a local file', (inv) => {
      const p = parseArgs(inv.args, { valued: CURL_VALUED });
      const outs = vals(p, '-o', '--output');
      if (has(p, '-O', '--remote-name', '--remote-name-all')) outs.push('(remote name)');
      const r = outputRisk(outs);
      return r === null ? null : { risk: r.risk, target: r.path, explanation: r.risk === 'destructive' ? `curl -o ${r.path}: overwrites a system file with whatever the server sends` : `curl saves the response to ${r.path}` };
    }, { match: ['curl -fsSL -o install.sh https://get.example.org', 'curl -O https://cdn.example.org/tool.tgz'], no_match: ['curl -s -o /dev/null -w "%{http_code}" https://example.org'] }),
    requestRule('curl.request', (inv) => curlRequest(inv), {
      match: ['curl -X DELETE https://api.example.org/v1/widgets/17', 'curl -sS https://api.example.org/v1/widgets', "curl -X POST 'https://ci.example.org/job/release/doDelete'"],
      no_match: ['curl --version'],
    }),
  ],
  fallback: 'readonly',
});

const WGET_VALUED = ['-O', '--output-document', '-o', '--output-file', '-a', '--append-output', '-P', '--directory-prefix', '--header', '-U', '--user-agent', '--user', '--password', '--http-user', '--http-password', '--post-data', '--post-file', '--body-data', '--body-file', '--method', '-e', '--execute', '-i', '--input-file', '-t', '--tries', '-T', '--timeout', '-w', '--wait', '-l', '--level', '-A', '--accept', '-R', '--reject', '-D', '--domains', '--load-cookies', '--save-cookies', '--ca-certificate', '--certificate', '--private-key', '--limit-rate', '-Q', '--quota', '-B', '--base', '--referer'];

export function wgetRequest(inv: Invocation): Request {
  const p = parseArgs(inv.args, { valued: WGET_VALUED });
  const data = vals(p, '--post-data', '--body-data');
  const dataFile = has(p, '--post-file', '--body-file');
  const method = val(p, '--method') ?? (data.length > 0 || dataFile ? 'POST' : 'GET');
  return { method, urls: p.pos, ...(data.length > 0 ? { body: data.join('&') } : {}) };
}

export const WGET: ToolTable = defineTable({
  name: 'wget',
  commands: ['wget', 'wget2'],
  rules: [
    // `-e robots=off` is routine; a wgetrc command that sets the method or a body is not visible
    // to the request judgement below.
    rule('wget.hidden-input', 'unknown', 'hidden-options', 'wget -e sets the method or body through a wgetrc command', (inv) => {
      const p = parseArgs(inv.args, { valued: WGET_VALUED });
      return vals(p, '-e', '--execute').some((c) => /^\s*(method|post_?data|post_?file|body_?data|body_?file)\s*=/i.test(c));
    }, { match: ['wget -e method=DELETE https://example.org/items/3'], no_match: ['wget -e robots=off -r https://example.org/', 'wget -i urls.txt'] }),
    rule('wget.download', 'mutating', 'write-file', 'saves what it downloads to local files', (inv) => {
      const p = parseArgs(inv.args, { valued: WGET_VALUED });
      if (has(p, '--spider', '--delete-after')) return null;
      const out = val(p, '-O', '--output-document');
      const r = outputRisk([out ?? '(download)']);
      return r === null ? null : { risk: r.risk, target: r.path, explanation: r.risk === 'destructive' ? `wget -O ${r.path}: overwrites a system file with whatever the server sends` : `wget saves the download to ${r.path}` };
    }, { match: ['wget https://example.org/a.tgz', 'wget -O app.zip https://example.org/app.zip'], no_match: ['wget --spider https://example.org/', 'wget -qO- https://example.org/status'] }),
    requestRule('wget.request', (inv) => wgetRequest(inv), {
      match: ['wget --method=DELETE https://api.example.org/v1/widgets/17', 'wget -qO- https://example.org/status'],
      no_match: ['wget --help'],
    }),
  ],
  fallback: 'readonly',
});

const HTTPIE_VALUED = ['-a', '--auth', '-A', '--auth-type', '--session', '--session-read-only', '-o', '--output', '--verify', '--cert', '--cert-key', '--proxy', '--timeout', '--max-redirects', '--pretty', '-s', '--style', '-p', '--print', '--format-options', '--boundary', '--raw', '--ssl', '--ciphers', '--unix-socket', '--response-charset', '--response-mime', '--default-scheme', '--max-headers'];

export function httpieRequest(inv: Invocation): Request | null {
  const p = parseArgs(inv.args, { valued: HTTPIE_VALUED });
  if (has(p, '--offline')) return null;
  const pos = [...p.pos];
  let method: string | undefined;
  // `http $METHOD url`: a computed first word is the method; judgeRequest makes it unknown.
  const firstAt = inv.args.indexOf(pos[0] ?? '');
  if (pos.length >= 2 && (/^[A-Za-z]+$/.test(pos[0] ?? '') || inv.dynamic[firstAt] === true)) method = (pos.shift() ?? '').toUpperCase();
  const url = pos.shift() ?? '';
  const items = pos;
  const data = items.filter((it) => {
    const m = /[:=@]/.exec(it);
    if (m === null) return false;
    const rest = it.slice(m.index);
    if (rest.startsWith('==')) return false; // query parameter
    if (rest.startsWith(':=') || rest.startsWith('=') || rest.startsWith('@')) return true;
    return false; // Header:value
  });
  const raw = val(p, '--raw');
  if (method === undefined) method = data.length > 0 || raw !== undefined || has(p, '-f', '--form') && data.length > 0 ? 'POST' : 'GET';
  const body = [...data, ...(raw !== undefined ? [raw] : [])].join(' ');
  return { method, urls: [url], ...(body !== '' ? { body } : {}) };
}

export const HTTPIE: ToolTable = defineTable({
  name: 'httpie',
  commands: ['http', 'https', 'xh', 'xhs'],
  rules: [
    rule('httpie.offline', 'readonly', 'print-request', 'http --offline only prints the request it would send', (inv) => inv.args.includes('--offline'),
      { match: ['http --offline DELETE example.org/items/3'], no_match: ['http DELETE example.org/items/3'] }),
    requestRule('httpie.request', (inv) => httpieRequest(inv), {
      match: ['http DELETE :8080/api/items/3', 'http POST example.org/api/items name=lamp', 'https example.org/api/items', 'http "$VERB" example.org/api/items/3'],
      no_match: ['http --offline POST example.org/api/items name=lamp'],
    }),
  ],
  fallback: 'readonly',
});

export const HTTP_TABLES: ToolTable[] = [CURL, WGET, HTTPIE];
