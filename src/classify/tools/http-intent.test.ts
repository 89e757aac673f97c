// What an HTTP request does, from method, URL and body alone.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { destructivePathWord, judgeRequest } from './http-intent.js';

const risk = (m: string, url: string, body?: string) => judgeRequest(m, url, body).risk;

test('the method decides first: DELETE and PURGE remove, GET/HEAD/OPTIONS read', () => {
  assert.deepEqual(
    [risk('DELETE', 'https://a.example/x'), risk('purge', 'https://cdn.example/x'), risk('GET', 'https://a.example/x/delete'), risk('HEAD', 'https://a.example'), risk('OPTIONS', 'https://a.example')],
    ['destructive', 'destructive', 'readonly', 'readonly', 'readonly'],
  );
  assert.deepEqual(judgeRequest('$METHOD', 'https://a.example/x', undefined).risk, 'unknown');
});

test('a write is destructive when its endpoint names a destructive action, else mutating', () => {
  assert.deepEqual(
    [
      risk('POST', 'https://ci.example/job/x/doDelete'),
      risk('POST', 'http://localhost:9200/logs/_delete_by_query'),
      risk('POST', 'http://localhost:9200/logs/_close'),
      risk('POST', 'http://localhost:9200/logs/_flush'),
      risk('POST', 'http://localhost:9200/logs/_search'),
      risk('POST', 'https://a.example/api?action=purge'),
      risk('PUT', 'http://localhost:9200/_cluster/settings'),
      risk('PUT', 'http://localhost:9200/logs-v2'),
      risk('PATCH', 'https://a.example/users/1'),
      risk('POST', 'http://localhost:8080/actuator/shutdown'),
      risk('PUT', 'http://consul:8500/v1/agent/service/deregister/web'),
      risk('POST', 'https://vault:8200/v1/sys/seal'),
      risk('POST', 'https://vault:8200/v1/sys/unseal'),
    ],
    ['destructive', 'destructive', 'destructive', 'mutating', 'mutating', 'destructive', 'destructive', 'mutating', 'mutating', 'destructive', 'destructive', 'destructive', 'mutating'],
  );
});

test('a GraphQL mutation that deletes is destructive; other bodies are not', () => {
  assert.deepEqual(
    [risk('POST', 'https://a.example/graphql', '{"query":"mutation { removeMember(id: 1) { id } }"}'), risk('POST', 'https://a.example/graphql', '{"query":"{ members { id } }"}')],
    ['destructive', 'mutating'],
  );
});

test('destructivePathWord names the segment that decided', () => {
  assert.deepEqual(
    [destructivePathWord('https://ci.example/job/x/doDelete'), destructivePathWord('localhost:9200/a/_delete_by_query?conflicts=proceed'), destructivePathWord('https://a.example/users')],
    ['doDelete', '_delete_by_query', undefined],
  );
});

test('a huge body that repeats "mutation" is judged in one linear pass', () => {
  const started = Date.now();
  const j = judgeRequest('POST', 'https://a.example/graphql', 'mutation '.repeat(200_000));
  assert.deepEqual([j.risk, Date.now() - started < 1000], ['mutating', true]);
});
