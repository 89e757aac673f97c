// Running the tools a recovery kind needs (pg_dump, git, terraform) with an argv, never a shell,
// and failing with a message that names the tool and its stderr.
import { spawn } from 'node:child_process';
import { CountersignError } from '../../core/index.js';

export type ProcResult = { code: number | null; stdout: string; stderr: string };

export function runProc(cmd: string, args: string[], opts: { cwd?: string; env?: Record<string, string>; input?: string; timeoutMs?: number } = {}): Promise<ProcResult> {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd: opts.cwd, env: opts.env ?? (process.env as Record<string, string>), stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 30 * 60_000);
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
    child.on('error', (err) => {
      clearTimeout(timer);
      resolve({ code: null, stdout, stderr: `${stderr}${err.message}` });
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
    // A tool that exits without reading stdin makes the write fail with EPIPE: not an error here,
    // and unhandled it would take the whole server down.
    child.stdin.on('error', () => undefined);
    child.stdin.end(opts.input ?? '');
  });
}

/** Runs and throws E_RECOVERY_FAILED unless the tool exits 0. */
export async function mustRun(cmd: string, args: string[], opts: Parameters<typeof runProc>[2] = {}): Promise<string> {
  const r = await runProc(cmd, args, opts);
  if (r.code !== 0) {
    throw new CountersignError('E_RECOVERY_FAILED', `\`${cmd} ${args.slice(0, 4).join(' ')}${args.length > 4 ? ' …' : ''}\` exited ${r.code ?? 'abnormally'}: ${r.stderr.trim().slice(0, 400) || 'no message'}.`);
  }
  return r.stdout;
}
