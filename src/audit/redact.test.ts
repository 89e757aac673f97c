import { test } from 'node:test';
import assert from 'node:assert/strict';
import { redact, redactText, REDACTED } from './index.js';

test('keys that name secrets are redacted whatever their value; look-alike keys are kept', () => {
  const body = {
    password: 'hunter2',
    PGPASSWORD: 'x',
    accessToken: 'abc',
    'x-api-key': 'k',
    client_secret: { nested: 1 },
    Authorization: 'Bearer zzz',
    credentials: { env: { AWS_SECRET_ACCESS_KEY: 'y' } },
    tokenHash: 'ab12',
    maxTokens: 5,
    secretName: 'prod-db-password-ref',
    empty: null,
    token: null,
  };
  assert.deepEqual(redact(body), {
    password: REDACTED,
    PGPASSWORD: REDACTED,
    accessToken: REDACTED,
    'x-api-key': REDACTED,
    client_secret: REDACTED,
    Authorization: REDACTED,
    credentials: REDACTED,
    tokenHash: 'ab12',
    maxTokens: 5,
    secretName: 'prod-db-password-ref',
    empty: null,
    token: null,
  });
});

test('secrets inside free text are cut out, the rest of the text stays', () => {
  const cases: [string, string][] = [
    ['psql postgres://admin:s3cr3t@db.prod:5432/app -c "drop table t"', 'psql postgres://admin:[redacted]@db.prod:5432/app -c "drop table t"'],
    ['curl -H "Authorization: Bearer abcdefghijkl123" https://api', 'curl -H "Authorization: Bearer [redacted]" https://api'],
    ['GITHUB_TOKEN=ghp_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa git push', 'GITHUB_TOKEN=[redacted] git push'],
    ['mysql --password=hunter2 -e "select 1"', 'mysql --password=[redacted] -e "select 1"'],
    ["ALTER ROLE app PASSWORD 'n3w-pass'", "ALTER ROLE app PASSWORD [redacted]"],
    ["UPDATE users SET password = 'x1' WHERE id = 3", 'UPDATE users SET password = [redacted] WHERE id = 3'],
    ['echo sk-ant-REDACTEDREDACTEDREDACTED0 AKIAABCDEFGHIJKLMNOP', 'echo [redacted] [redacted]'],
    ['rm -rf /srv/app/build', 'rm -rf /srv/app/build'],
    ['git push --force origin main', 'git push --force origin main'],
    ['https://example.com/path@v2', 'https://example.com/path@v2'],
  ];
  assert.deepEqual(cases.map(([input]) => redactText(input)), cases.map(([, want]) => want));
});

test('redact copies: the input is not changed, arrays and nesting are walked', () => {
  const input = { action: { kind: 'shell', command: 'PGPASSWORD=pw123 psql' }, list: ['Bearer abcdefghijk', 3] };
  const before = structuredClone(input);
  assert.deepEqual(redact(input), { action: { kind: 'shell', command: 'PGPASSWORD=[redacted] psql' }, list: ['Bearer [redacted]', 3] });
  assert.deepEqual(input, before);
});

test('values with toJSON are redacted in their JSON form', () => {
  assert.deepEqual(redact({ when: new Date(0), url: { toJSON: () => 'postgres://u:pw@h/db' } }), { when: '1970-01-01T00:00:00.000Z', url: 'postgres://u:[redacted]@h/db' });
});
