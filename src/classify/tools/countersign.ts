// Countersign itself, as an agent might call it. The guard must not be steerable by the guarded:
// an agent that approves, rejects, thaws, rewrites the config, copies or migrates the database or
// prunes recovery points is acting on the control plane, so it is destructive (held for humans in
// protected environments; the server also refuses agent tokens for human verbs). A rollback
// restores a verified recovery point and first keeps one of the state it replaces, so it is
// recoverable: mutating, and still a production change that the policy holds. Reading and
// classifying are harmless; `exec`, `mcp` and `hook` submit their own actions to the server.
import { defineTable } from './table.js';
import { rule } from './verbs.js';
import type { ToolTable } from './types.js';

const CONTROL = new Set(['approve', 'reject', 'freeze', 'thaw', 'init', 'db', 'migrate', 'serve', 'demo']);
const READS = new Set(['classify', 'requests', 'doctor', 'help', '--help', '-h', '--version', '-v']);
const verb = (args: readonly string[]) => args[0] ?? '';

export const COUNTERSIGN_TABLE: ToolTable = defineTable({
  name: 'countersign',
  commands: ['countersign'],
  rules: [
    rule('countersign.control', 'destructive', 'change-guard', 'acts on the control plane or restores production state; only people may do this', (inv) => {
      const v = verb(inv.args);
      if (CONTROL.has(v)) return { target: v };
      if (v === 'recovery' && inv.args[1] === 'prune') return { target: 'recovery prune' };
      return null;
    }, {
      match: ['countersign approve req_1 --reason ok', 'countersign thaw --reason done', 'countersign init --dir .countersign --force', 'countersign recovery prune --older-than 1d'],
      no_match: ['countersign requests', 'countersign classify -- rm -rf ~', 'countersign recovery list', 'countersign rollback req_9'],
    }),
    rule('countersign.rollback', 'mutating', 'restore-recovery-point', 'restores the recovery point taken before a request ran (a point of the current state is kept first)', (inv) => (verb(inv.args) === 'rollback' ? { target: inv.args[1] ?? '' } : null), {
      match: ['countersign rollback req_9'],
      no_match: ['countersign recovery list'],
    }),
    rule('countersign.read', 'readonly', 'read', 'reads or classifies; changes nothing', (inv) => {
      const v = verb(inv.args);
      if (READS.has(v)) return true;
      if ((v === 'audit' && ['verify', 'export', 'tail'].includes(inv.args[1] ?? '')) || (v === 'policy' && ['check', 'test', 'explain'].includes(inv.args[1] ?? '')) || (v === 'recovery' && ['list', 'verify'].includes(inv.args[1] ?? ''))) return true;
      return null;
    }, { match: ['countersign audit verify --dir .countersign', 'countersign policy explain -- ls'], no_match: ['countersign approve req_1 --reason x'] }),
  ],
  // exec, mcp, hook: each submits its own action to the server, which decides it there.
  fallback: 'mutating',
});
