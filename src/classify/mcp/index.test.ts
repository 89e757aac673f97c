import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { classify, initClassifier } from '../index.js';

const W = '/home/dev/shop';

before(() => initClassifier());

function mcp(tool: string, args?: Record<string, unknown>, server = 'fs'): [string, string[]] {
  const r = classify({ kind: 'mcp', server, tool, ...(args ? { arguments: args } : {}) }, { cwd: W });
  return [r.risk, r.findings.map((f) => f.rule)];
}

test('filesystem server: reads are readonly, writes by path, moves by both ends', () => {
  const got = [
    mcp('read_text_file', { path: `${W}/README.md` }),
    mcp('read_multiple_files', { paths: ['/etc/passwd'] }),
    mcp('list_directory', { path: W }),
    mcp('directory_tree', { path: W }),
    mcp('search_files', { path: W, pattern: '*.ts' }),
    mcp('get_file_info', { path: `${W}/a` }),
    mcp('write_file', { path: `${W}/src/app.ts`, content: 'x' }),
    mcp('write_file', { path: `${W}/.git/config`, content: 'x' }),
    mcp('write_file', { path: '/srv/other/app.ts', content: 'x' }),
    mcp('edit_file', { path: `${W}/.claude/settings.json`, edits: [] }),
    mcp('edit_file', { path: `${W}/.claude/settings.json`, edits: [], dryRun: true }),
    mcp('create_directory', { path: `${W}/src/new` }),
    mcp('create_directory', { path: `${W}/.git/hooks` }),
    mcp('move_file', { source: `${W}/a.txt`, destination: `${W}/b.txt` }),
    mcp('move_file', { source: `${W}/countersign.yaml`, destination: `${W}/old.yaml` }),
    mcp('move_file', { source: `${W}/a.txt`, destination: `${W}/.git/HEAD` }),
    mcp('write_file', { content: 'no path' }),
    mcp('move_file', { source: `${W}/a.txt` }),
  ];
  assert.deepEqual(got, [
    ['readonly', ['mcp.read']],
    ['readonly', ['mcp.read']],
    ['readonly', ['mcp.read']],
    ['readonly', ['mcp.read']],
    ['readonly', ['mcp.read']],
    ['readonly', ['mcp.read']],
    ['mutating', ['file.write']],
    ['destructive', ['file.write-protected']],
    ['destructive', ['file.write-outside']],
    ['destructive', ['file.edit-protected']],
    ['readonly', ['mcp.fs.edit-dry-run']],
    ['mutating', ['file.write']],
    ['destructive', ['file.write-protected']],
    ['mutating', ['file.move', 'file.move']],
    ['destructive', ['file.move-protected', 'file.move']],
    ['destructive', ['file.move', 'file.move-protected']],
    ['unknown', []],
    ['unknown', []],
  ]);
});

test('shell-like and SQL-like tools are classified by the text they carry', () => {
  const got = [
    mcp('run_command', { command: 'ls -la' }, 'shell'),
    mcp('run_command', { command: 'rm -rf /srv/data' }, 'shell'),
    mcp('exec', { cmd: ['git', 'push', '--force', 'origin', 'main'] }, 'shell'),
    mcp('query', { sql: 'SELECT 1' }, 'postgres'),
    mcp('query', { sql: 'DROP TABLE users' }, 'postgres'),
    mcp('query', { query: 'DELETE FROM orders' }, 'postgres'),
    // a search tool's "query" is not SQL: the memory server's search_nodes only reads
    mcp('search_nodes', { query: 'DROP TABLE users' }, 'memory'),
  ];
  assert.deepEqual(got.map(([risk]) => risk), ['readonly', 'destructive', 'destructive', 'readonly', 'destructive', 'destructive', 'readonly']);
});

test('memory server deletes are destructive; unknown tools are unknown; bad shapes are unknown', () => {
  const got = [
    mcp('delete_entities', { entityNames: ['a'] }, 'memory'),
    mcp('delete_observations', { deletions: [] }, 'memory'),
    mcp('create_entities', { entities: [] }, 'memory'),
    mcp('read_graph', {}, 'memory'),
    mcp('read_and_delete_mail', {}, 'mail'),
    mcp('send_invoice', { to: 'x' }, 'billing'),
    mcp('list_then_remove', {}, 'x'),
  ];
  assert.deepEqual(got, [
    ['destructive', ['mcp.delete']],
    ['destructive', ['mcp.delete']],
    ['mutating', ['mcp.add']],
    ['readonly', ['mcp.read']],
    ['unknown', ['mcp.unknown-tool']],
    ['unknown', ['mcp.unknown-tool']],
    ['unknown', ['mcp.unknown-tool']],
  ]);
  const shapes = [
    classify({ kind: 'mcp', server: 'fs', tool: 'write_file', arguments: [] }),
    classify({ kind: 'mcp', server: 'fs', tool: '' }),
    classify({ kind: 'mcp', server: 7, tool: 'read_file' }),
  ].map((r) => [r.risk, r.error?.code]);
  assert.deepEqual(shapes, [['unknown', 'E_BAD_INPUT'], ['unknown', 'E_BAD_INPUT'], ['unknown', 'E_BAD_INPUT']]);
});

test('extra arguments never lower a known tool: every reading counts and the worst wins', () => {
  const got = [
    mcp('write_file', { path: `${W}/.git/config`, content: 'x', command: 'ls' }),
    mcp('delete_entities', { entityNames: ['a'], command: 'ls' }, 'memory'),
    mcp('read_query', { query: 'DROP TABLE users' }, 'sqlite'),
    mcp('list_tables', { sql: 'SELECT 1' }, 'sqlite'),
  ];
  assert.deepEqual(got.map(([risk]) => risk), ['destructive', 'destructive', 'destructive', 'readonly']);
});

test('the summary names the server and tool', () => {
  const r = classify({ kind: 'mcp', server: 'fs', tool: 'write_file', arguments: { path: `${W}/.git/config`, content: '' } }, { cwd: W });
  assert.equal(r.summary.startsWith('MCP fs/write_file: '), true);
});

test("a reading name is not trusted by itself: the review's calls are not readonly", () => {
  const got = [
    mcp('read_query', { query: 'DROP TABLE users' }, 'acme'),
    mcp('read_file_and_overwrite', { path: `${W}/a` }, 'acme'),
    mcp('list_resetdb', {}, 'acme'),
    mcp('list_buckets_and_empty', { bucket: 'logs' }, 'storage'),
    mcp('search_files', { path: W, pattern: '*', exec: 'rm -rf ~' }, 'fs'),
    mcp('getUserAndDeleteSessions', {}, 'acme'),
    mcp('list_items', { options: { Command: 'rm -rf /srv/data' } }, 'acme'),
    mcp('get_report', { filter: 'TRUNCATE orders' }, 'acme'),
    mcp('describe_model', { code: 'import os' }, 'acme'),
    mcp('read_file', { path: `${W}/a`, cmd: ['git', 'push', '--force'] }, 'fs'),
    mcp('list_buckets_and_empty', { sql: 'SELECT 1' }, 'storage'),
  ];
  assert.deepEqual(got, [
    ['destructive', ['sql.drop-table']],
    ['unknown', ['mcp.unknown-tool']],
    ['unknown', ['mcp.unknown-tool']],
    ['unknown', ['mcp.unknown-tool']],
    ['destructive', got[4]![1]],
    ['unknown', ['mcp.unknown-tool']],
    ['destructive', got[6]![1]],
    ['destructive', got[7]![1]],
    ['unknown', ['mcp.code-argument']],
    ['destructive', got[9]![1]],
    ['unknown', ['sql.select', 'mcp.unknown-tool']],
  ]);
});

test('reads by name still read: known tools with their own arguments, read verbs with plain arguments', () => {
  const got = [
    mcp('read_file', { path: `${W}/a`, head: 10 }),
    mcp('search_nodes', { query: 'DROP TABLE users' }, 'memory'),
    mcp('list_issues', { repo: 'shop', state: 'open' }, 'github'),
    mcp('get_weather', { city: 'Oslo' }, 'weather'),
    mcp('search_docs', { query: 'how to delete old rows safely' }, 'docs'),
    mcp('read_query', { query: 'SELECT * FROM users' }, 'sqlite'),
  ];
  assert.deepEqual(got, [
    ['readonly', ['mcp.read']],
    ['readonly', ['mcp.read']],
    ['readonly', ['mcp.read-by-name']],
    ['readonly', ['mcp.read-by-name']],
    ['readonly', ['mcp.read-by-name']],
    ['readonly', got[5]![1]],
  ]);
});

test("a known tool's own arguments are data; an argument it does not take is read for what it carries", () => {
  const got = [
    mcp('write_file', { path: `${W}/db/001.sql`, content: 'DROP TABLE users;' }),
    mcp('edit_file', { path: `${W}/db/001.sql`, edits: [{ oldText: 'x', newText: 'TRUNCATE orders' }] }),
    mcp('write_file', { path: `${W}/a.txt`, content: '', exec: 'rm -rf ~' }),
    mcp('search_nodes', { query: 'x', sql: 'DELETE FROM users' }, 'memory'),
  ];
  assert.deepEqual(got.map(([risk]) => risk), ['mutating', 'mutating', 'destructive', 'destructive']);
});
