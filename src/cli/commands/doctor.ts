// `countersign doctor [--host H]`: proves the hook is in the path. For each host it checks that the
// config names Countersign's hook with a fail-closed setting, that the server answers, that the
// token authenticates, and then sends a harmless probe through the configured hook itself.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { INSTALLS } from '../../adapters/install/hosts.js';
import { findOurs, type Json } from '../../adapters/install/merge.js';
import { HOSTS, isHostName, type HostName } from '../../adapters/types.js';
import { parseArgs, UsageError } from '../args.js';
import { DEFAULT_URL, DEFAULT_WAIT } from './hook.js';
import { probeInput, readProbe, type ProbeVerdict } from './doctor-probe.js';

const HELP = `Usage: countersign doctor [--host ${HOSTS.join('|')}] [--scope project|user] [--dir PROJECT] [--url URL] [--agent NAME] [--json]

Checks each installed hook: config present and fail-closed, server reachable, token valid, and a
probe (\`echo countersign-probe\`) sent through the configured hook. Exit 0 when every check passes.
`;

type Check = { host: string; check: string; ok: boolean; detail: string; fix?: string };

async function serverChecks(host: string, url: string, token: string | undefined): Promise<Check[]> {
  const out: Check[] = [];
  try {
    const res = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(5000) });
    out.push({ host, check: 'server', ok: res.ok, detail: `${url}/healthz answered HTTP ${res.status}`, ...(res.ok ? {} : { fix: 'Check that COUNTERSIGN_URL points at a Countersign server.' }) });
  } catch {
    out.push({ host, check: 'server', ok: false, detail: `${url} is not reachable`, fix: 'Start it with `countersign serve`, or set COUNTERSIGN_URL / --url to where it runs.' });
    return out;
  }
  if (!token) {
    out.push({ host, check: 'token', ok: false, detail: 'COUNTERSIGN_TOKEN is not set', fix: "Export the agent's token (printed once by `countersign init`) in the environment the host runs in." });
    return out;
  }
  try {
    // A request id that cannot exist: an authenticated agent gets 404, a bad token 401.
    const res = await fetch(`${url}/v1/actions/countersign-doctor-probe`, { headers: { authorization: `Bearer ${token}` }, signal: AbortSignal.timeout(5000) });
    const body = (await res.json().catch(() => ({}))) as { error?: { code?: string } };
    const ok = res.status === 404 && body.error?.code === 'E_NOT_FOUND';
    out.push({ host, check: 'token', ok, detail: ok ? 'COUNTERSIGN_TOKEN authenticates' : `the server answered HTTP ${res.status} ${body.error?.code ?? ''}`.trim(), ...(ok ? {} : { fix: "Use this agent's token (an agent token, not a human's)." }) });
  } catch (err) {
    out.push({ host, check: 'token', ok: false, detail: `token check failed: ${(err as Error).message}`, fix: 'Retry; check the server logs.' });
  }
  return out;
}

function configChecks(host: HostName, file: string, cfg: Json | undefined, handlers: Json[]): Check[] {
  if (!cfg) return [{ host, check: 'config', ok: false, detail: `${file} does not exist or is not JSON`, fix: `Run \`countersign init ${host}\`.` }];
  if (handlers.length === 0) return [{ host, check: 'config', ok: false, detail: `${file} has no Countersign hook`, fix: `Run \`countersign init ${host}\`.` }];
  const out: Check[] = [{ host, check: 'config', ok: true, detail: `${file} runs ${handlers.map((h) => (h['url'] ? `the http hook ${String(h['url'])}` : `\`${String(h['command'])}\``)).filter((v, i, a) => a.indexOf(v) === i).join(', ')}` }];
  const fix = `Run \`countersign init ${host}\` again to rewrite the entry.`;
  if (host === 'claude-code' && handlers.some((h) => h['onFailure'] !== 'block')) out.push({ host, check: 'fail-closed', ok: false, detail: 'a Countersign hook lacks onFailure "block": Claude Code runs the tool when the hook fails', fix });
  if (host === 'cursor' && handlers.some((h) => h['failClosed'] !== true)) out.push({ host, check: 'fail-closed', ok: false, detail: 'a Countersign hook lacks failClosed: Cursor runs the tool when the hook fails', fix });
  if (host === 'gemini' && (cfg['hooks'] as Json | undefined)?.['enabled'] === false) out.push({ host, check: 'enabled', ok: false, detail: 'hooks.enabled is false: Gemini CLI runs no hook', fix: 'Set hooks.enabled to true.' });
  if (host === 'gemini' && (cfg['tools'] as Json | undefined)?.['enableHooks'] === false) out.push({ host, check: 'enabled', ok: false, detail: 'tools.enableHooks is false: Gemini CLI runs no hook', fix: 'Set tools.enableHooks to true (older releases need it set explicitly).' });
  const ms = (h: Json): number | undefined => (typeof h['timeout_ms'] === 'number' ? h['timeout_ms'] : typeof h['timeout'] === 'number' ? (host === 'gemini' ? h['timeout'] : h['timeout'] * 1000) : undefined);
  const short = handlers.filter((h) => (ms(h) ?? (host === 'kiro' ? 30_000 : host === 'gemini' ? 60_000 : 600_000)) <= DEFAULT_WAIT * 1000 + 5000);
  if (short.length) out.push({ host, check: 'timeout', ok: false, detail: `a hook timeout is not above the hook's ${DEFAULT_WAIT} s wait: the host would give up first and run the tool`, fix });
  return out;
}

function runCommand(command: string, input: string, cwd: string, timeoutMs: number): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done) => {
    const child = spawn('/bin/sh', ['-c', command], { cwd, env: process.env, timeout: timeoutMs });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', (e) => done({ code: null, stdout, stderr: stderr + e.message }));
    child.on('close', (code) => done({ code, stdout, stderr }));
    child.stdin.end(input);
  });
}

async function probe(host: HostName, h: Json, cwd: string): Promise<Check> {
  const input = probeInput(host, cwd);
  let verdict: ProbeVerdict;
  if (typeof h['url'] === 'string') {
    const token = process.env['COUNTERSIGN_TOKEN'] ?? '';
    try {
      const res = await fetch(h['url'], { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify(input), signal: AbortSignal.timeout(60_000) });
      verdict = readProbe(host, { code: res.ok ? 0 : null, stdout: await res.text(), stderr: res.ok ? '' : `HTTP ${res.status}` });
    } catch (err) {
      verdict = { kind: 'broken', detail: (err as Error).message };
    }
  } else verdict = readProbe(host, await runCommand(String(h['command']), JSON.stringify(input), cwd, 60_000));
  const via = typeof h['url'] === 'string' ? `the http hook` : `\`${String(h['command'])}\``;
  if (verdict.kind === 'allowed') return { host, check: 'probe', ok: true, detail: `${via} allowed \`echo countersign-probe\`: the hook is in the path` };
  if (verdict.kind === 'denied') return { host, check: 'probe', ok: true, detail: `${via} answered deny (the hook is in the path; the policy refused the probe): ${verdict.detail}` };
  if (verdict.kind === 'failed') return { host, check: 'probe', ok: false, detail: `${via} is in the path but failed closed: ${verdict.detail}`, fix: 'Fix what the message names (token, server address), then run doctor again.' };
  return { host, check: 'probe', ok: false, detail: `${via} did not answer in ${host}'s protocol: ${verdict.detail}`, fix: 'Run the command by hand with a sample payload on stdin and read its stderr.' };
}

export async function run(argv: string[]): Promise<number> {
  let a;
  try {
    a = parseArgs(argv, { boolean: ['json', 'help'], string: ['host', 'scope', 'dir', 'url', 'agent'] });
    if (a.flags['help']) {
      process.stdout.write(HELP);
      return 0;
    }
    const h = a.flags['host'];
    if (h !== undefined && !isHostName(h as string)) throw new UsageError(`unknown host "${String(h)}"; use one of ${HOSTS.join(', ')}`);
  } catch (err) {
    process.stderr.write(`countersign doctor: ${(err as Error).message} (E_USAGE)\n`);
    return 2;
  }
  const scope = a.flags['scope'] === 'user' ? 'user' : 'project';
  const dir = resolve((a.flags['dir'] as string | undefined) ?? '.');
  const base = scope === 'user' ? (process.env['HOME'] ?? homedir()) : dir;
  const agent = (a.flags['agent'] as string | undefined) ?? 'countersign';
  const hosts = a.flags['host'] ? [a.flags['host'] as HostName] : [...HOSTS];
  const checks: Check[] = [];
  for (const host of hosts) {
    const file = join(base, INSTALLS[host].file({ command: '', url: '', kind: 'command', timeoutS: 0, agent }));
    let cfg: Json | undefined;
    try {
      cfg = JSON.parse(readFileSync(file, 'utf8')) as Json;
    } catch {
      cfg = undefined;
    }
    if (!cfg && !a.flags['host']) continue;
    const handlers = findOurs(host, cfg);
    checks.push(...configChecks(host, file, cfg, handlers));
    if (handlers.length === 0) continue;
    const first = handlers[0]!;
    const fromCmd = /--url\s+'?([^\s']+)/.exec(String(first['command'] ?? ''))?.[1];
    const fromHttp = typeof first['url'] === 'string' ? first['url'].replace(/\/v1\/hooks\/.*$/, '') : undefined;
    const url = ((a.flags['url'] as string | undefined) ?? fromHttp ?? fromCmd ?? process.env['COUNTERSIGN_URL'] ?? DEFAULT_URL).replace(/\/+$/, '');
    const server = await serverChecks(host, url, process.env['COUNTERSIGN_TOKEN']);
    checks.push(...server);
    // One probe per distinct handler: each is a way the host can reach us.
    const seen = new Set<string>();
    for (const hd of handlers) {
      const key = String(hd['url'] ?? hd['command']);
      if (seen.has(key)) continue;
      seen.add(key);
      checks.push(await probe(host, hd, dir));
    }
  }
  if (checks.length === 0) checks.push({ host: '-', check: 'config', ok: false, detail: `no host has a Countersign hook under ${base}`, fix: 'Run `countersign init <host>` (claude-code, cursor, gemini, codex, kiro).' });
  if (a.flags['json']) process.stdout.write(`${JSON.stringify({ ok: checks.every((c) => c.ok), checks }, null, 2)}\n`);
  else {
    for (const c of checks) process.stdout.write(`${c.ok ? 'ok  ' : 'FAIL'} ${c.host.padEnd(11)} ${c.check.padEnd(11)} ${c.detail}${c.fix ? `\n     fix: ${c.fix}` : ''}\n`);
  }
  return checks.every((c) => c.ok) ? 0 : 1;
}
