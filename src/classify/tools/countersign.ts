// Countersign itself, as an agent might call it. The guard must not be steerable by the guarded:
// an agent that approves, rejects, thaws, rewrites the config, copies or migrates the database,
// prunes recovery points or rolls production back is acting on the control plane or on
// production state, so it is destructive (held for humans in protected environments; the server
// also refuses agent tokens for human verbs). Reading and classifying are harmless; `exec`,
// `mcp` and `hook` submit their own actions to the server, so the call itself changes nothing.
import { defineTable } from './table.js';
import { rule } from './verbs.js';
import type { ToolTable } from './types.js';

const CONTROL = new Set(['approve', 'reject', 'freeze', 'thaw', 'init', 'rollback', 'db', 'migrate', 'serve', 'demo']);
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
      match: ['countersign approve req_1 --reason ok', 'countersign thaw --reason done', 'countersign rollback req_9', 'countersign init --dir .countersign --force', 'countersign recovery prune --older-than 1d'],
      no_match: ['countersign requests', 'countersign classify -- rm -rf ~', 'countersign recovery list'],
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
