// Every rule of the platform tables proves its own examples through the real shell walker: a `match`
// example must produce a finding with the rule's id, a `no_match` example must not.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { classifyShell, initShell } from '../shell/index.js';
import { initSql } from '../sql/index.js';
import { PLATFORM_TABLES } from './platform-tables.js';

before(async () => {
  await initShell();
  await initSql();
});

for (const table of PLATFORM_TABLES) {
  test(`platform table ${table.name}: rule examples hold through the walker`, () => {
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

test('every platform rule has match and no_match examples, ids are unique and carry the table name', () => {
  const ids = new Set<string>();
  const problems: string[] = [];
  for (const t of PLATFORM_TABLES) {
    for (const r of t.rules) {
      if (ids.has(r.id)) problems.push(`duplicate id ${r.id}`);
      ids.add(r.id);
      if (r.examples.match.length === 0) problems.push(`${r.id} has no match example`);
      if (r.examples.no_match.length === 0) problems.push(`${r.id} has no no_match example`);
      if (!r.id.startsWith(`${t.name}.`)) problems.push(`${r.id} does not start with ${t.name}.`);
    }
  }
  assert.deepEqual(problems, []);
});
