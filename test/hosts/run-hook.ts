// Runs the real `bin/countersign hook <host>` process with a payload on stdin.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';

export const BIN = new URL('../../../bin/countersign', import.meta.url).pathname;

export const fixtureText = (p: string): string => readFileSync(new URL(`../../../test/fixtures/hosts/${p}`, import.meta.url), 'utf8');

export type HookRun = { code: number | null; stdout: string; stderr: string; ms: number };

export function runHook(host: string, stdin: string, env: Record<string, string | undefined>, args: string[] = []): Promise<HookRun> {
  const t0 = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, 'hook', host, ...args], { env: { PATH: process.env['PATH'], ...env } as NodeJS.ProcessEnv });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr, ms: Date.now() - t0 }));
    child.stdin.end(stdin);
  });
}
