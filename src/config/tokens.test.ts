import { test } from 'node:test';
import assert from 'node:assert/strict';
import { authenticate, bearer, hashToken, newToken, parseConfig } from './index.js';

const ana = newToken('human');
const bot = newToken('agent');
const config = parseConfig(`version: 1
default_environment: p
environments: {p: {protected: true, default: deny}}
principals:
  humans: [{id: ana, name: Ana, roles: [senior, admin], token_sha256: ${hashToken(ana).toUpperCase()}}]
  agents: [{id: bot, operator: ana, token_sha256: ${hashToken(bot)}}]
`);

test('new tokens carry their kind and 32 random bytes', () => {
  assert.match(ana, /^cs_human_[A-Za-z0-9_-]{43}$/);
  assert.match(bot, /^cs_agent_[A-Za-z0-9_-]{43}$/);
  assert.notEqual(newToken('agent'), newToken('agent'));
});

test('hashToken is the hex SHA-256 of the token', () => {
  assert.equal(hashToken('abc'), 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
});

test('authenticate returns the principal without its hash', () => {
  assert.deepEqual(authenticate(config, ana), { kind: 'human', id: 'ana', name: 'Ana', roles: ['senior', 'admin'] });
  assert.deepEqual(authenticate(config, bot), { kind: 'agent', id: 'bot', operator: 'ana' });
});

test('authenticate refuses unknown, empty and garbage tokens', () => {
  for (const t of [newToken('human'), '', 'short', `${ana} `, ana.slice(0, -1), 'x'.repeat(600), 'tok\u00e9n-with-unicode-1234', null, undefined, 42]) {
    assert.equal(authenticate(config, t as string), null, JSON.stringify(t));
  }
});

test('bearer reads the Authorization header', () => {
  assert.deepEqual(
    ['Bearer abc', 'bearer  abc ', 'Basic abc', 'Bearer', 'Bearer a b', undefined].map((h) => bearer(h)),
    ['abc', 'abc', null, null, null, null],
  );
});
