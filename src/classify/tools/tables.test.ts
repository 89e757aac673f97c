// Every rule of every tool table proves its own examples through the real shell walker: a `match`
// example must produce a finding with the rule's id, a `no_match` example must not.
// (`countersign classify --self-check` runs the same check outside the test suite.)
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { classifyShell, initShell } from '../shell/index.js';
import { initSql } from '../sql/index.js';
import { LOCAL_TABLES } from './local-tables.js';
import { PLATFORM_TABLES } from './platform-tables.js';
import { SERVICE_TABLES } from './service-tables.js';
import type { ToolTable } from './types.js';

before(async () => {
  await initShell();
  await initSql();
});

const GROUPS: [string, ToolTable[]][] = [['local', LOCAL_TABLES], ['platform', PLATFORM_TABLES], ['service', SERVICE_TABLES]];

for (const [group, tables] of GROUPS) {
  for (const table of tables) {
    test(`${group} table ${table.name}: rule examples hold through the walker`, () => {
      const wrong: string[] = [];
      for (const rule of table.rules) {
        for (const cmd of rule.examples.match) {
          const r = classifyShell(cmd);
          if (!r.findings.some((f) => f.rule === rule.id)) wrong.push(`${rule.id} should match: ${cmd} (got ${r.findings.map((f) => f.rule).join(', ') || r.summary})`);
        }
        for (const cmd of rule.examples.no_match) {
          const r = classifyShell(cmd);
          if (r.findings.some((f) => f.rule === rule.id)) wrong.push(`${rule.id} should not match: ${cmd}`);
        }
      }
      assert.deepEqual(wrong, []);
    });
  }
}

test('every rule has match and no_match examples and a unique id; platform and service ids carry their table name', () => {
  const ids = new Set<string>();
  const problems: string[] = [];
  for (const [group, tables] of GROUPS) {
    for (const t of tables) {
      for (const r of t.rules) {
        if (ids.has(r.id)) problems.push(`duplicate id ${r.id}`);
        ids.add(r.id);
        if (r.examples.match.length === 0) problems.push(`${r.id} has no match example`);
        if (r.examples.no_match.length === 0) problems.push(`${r.id} has no no_match example`);
        if (group !== 'local' && !r.id.startsWith(`${t.name}.`)) problems.push(`${r.id} does not start with ${t.name}.`);
      }
    }
  }
  assert.deepEqual(problems, []);
});
