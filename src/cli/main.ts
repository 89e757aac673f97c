// The `countersign` command. Each verb lives in its own module under ./commands and is imported
// lazily, so a hook invocation loads only what the hook needs (start-up time matters there).

import { existsSync } from 'node:fs';

type Command = { run(argv: string[]): Promise<number> };
type Verb = { summary: string; load: () => Promise<Command> };

// Verbs are wired by name so that a verb whose module is not in this build is reported, not a crash.
const load = (name: string): Promise<Command> => import(`./commands/${name}.js`) as Promise<Command>;
const built = (name: string): boolean => existsSync(new URL(`./commands/${name}.js`, import.meta.url));

const VERBS: Record<string, Verb> = {
  classify: { summary: 'classify an action by its effect (shell, SQL, Terraform plan); --batch for JSONL', load: () => load('classify') },
  serve: { summary: 'run the control plane server (embedded SQLite, or --database postgres://...)', load: () => load('serve') },
  init: { summary: 'write a starter config (or a host hook config: init <host>) and print fresh tokens once', load: () => load('init') },
  hook: { summary: 'act as an agent host hook: hook claude-code|cursor|gemini|codex|kiro', load: () => load('hook') },
  exec: { summary: 'run a command through the broker with the target credentials, after approval', load: () => load('exec') },
  mcp: { summary: 'proxy an MCP server, deciding every tools/call', load: () => load('mcp') },
  requests: { summary: 'list requests (human token)', load: () => load('requests') },
  approve: { summary: 'approve a pending request: approve <id> --reason "..."', load: () => load('approve') },
  reject: { summary: 'reject a pending request: reject <id> --reason "..."', load: () => load('reject') },
  audit: { summary: 'audit verify|export|tail', load: () => load('audit') },
  policy: { summary: 'policy check|test|explain (offline)', load: () => load('policy') },
  freeze: { summary: 'make every new action wait until thaw (admin)', load: () => load('freeze') },
  thaw: { summary: 'undo freeze (admin)', load: () => load('thaw') },
  rollback: { summary: 'restore the recovery point taken before a request ran', load: () => load('rollback') },
  recovery: { summary: 'recovery list|prune', load: () => load('recovery') },
  migrate: { summary: 'run database migrations (PostgreSQL)', load: () => load('migrate') },
  db: { summary: 'db copy: copy a SQLite data directory into PostgreSQL, chain intact', load: () => load('db') },
  doctor: { summary: 'check that hooks are installed and in the path', load: () => load('doctor') },
  demo: { summary: 'replay the December 2025 incident against a fresh local server', load: () => load('demo') },
};

function usage(): string {
  const width = Math.max(...Object.keys(VERBS).map((v) => v.length));
  const lines = Object.entries(VERBS).filter(([v]) => built(v)).map(([v, d]) => `  ${v.padEnd(width)}  ${d.summary}`);
  return [
    'countersign — a control plane between AI coding agents and the systems they change',
    '',
    'Usage: countersign <verb> [options]      (countersign <verb> --help for details)',
    '',
    'Verbs:',
    ...lines,
    '',
  ].join('\n');
}

async function main(argv: string[]): Promise<number> {
  const [verb, ...rest] = argv;
  if (!verb || verb === '--help' || verb === '-h' || verb === 'help') {
    process.stdout.write(usage());
    return verb ? 0 : 2;
  }
  if (verb === '--version' || verb === '-v') {
    process.stdout.write('countersign 0.1.0\n');
    return 0;
  }
  const entry = VERBS[verb];
  if (!entry) {
    process.stderr.write(`countersign: unknown verb "${verb}" (E_USAGE). Run \`countersign --help\` for the list.\n`);
    return 2;
  }
  let cmd: Command;
  try {
    cmd = await entry.load();
  } catch (err) {
    const e = err as { code?: string };
    if (e.code === 'ERR_MODULE_NOT_FOUND') {
      process.stderr.write(`countersign: "${verb}" is not available in this build yet (E_USAGE).\n`);
      return 2;
    }
    throw err;
  }
  return cmd.run(rest);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    // Exit 2 everywhere: for the agent hosts exit 1 lets a tool call run, exit 2 blocks it.
    process.stderr.write(`countersign: internal error (E_INTERNAL): ${err instanceof Error ? err.stack : String(err)}\n`);
    process.exitCode = 2;
  },
);
