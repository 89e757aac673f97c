import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CountersignError } from '../core/index.js';
import { hashToken, loadConfig, parseConfig, parseConfigChecked } from './index.js';

const H = (s: string): string => hashToken(`token-of-${s}-0123456789`);

/** A small valid config; `extra` is appended verbatim (line numbers in tests count from here). */
function yamlWith(extra = '', policy = ''): string {
  return `version: 1
default_environment: production
environments:
  production: {protected: true, default: deny}
  dev: {protected: false, default: allow}
principals:
  humans:
    - {id: ana, roles: [senior], token_sha256: ${H('ana')}}
    - {id: bo, roles: [senior], token_sha256: ${H('bo')}}
  agents:
    - {id: bot, operator: ana, token_sha256: ${H('bot')}}
${policy}${extra}`;
}

function errorOf(fn: () => unknown): { code: string; message: string } {
  try {
    fn();
  } catch (e) {
    assert.ok(e instanceof CountersignError, String(e));
    return { code: e.code, message: e.message };
  }
  assert.fail('expected an error');
}

test('a minimal config loads with defaults', () => {
  const c = parseConfig(yamlWith(), '/etc/cs/countersign.yaml');
  assert.deepEqual(
    { server: c.server, dataDir: c.dataDir, limits: c.limits, env: c.defaultEnvironment, targets: c.targets, warnings: c.warnings },
    {
      server: { host: '127.0.0.1', port: 7300, publicUrl: 'http://127.0.0.1:7300', bodyLimitBytes: 1048576, waitMaxSeconds: 300, hookWaitSeconds: 60 },
      dataDir: '/etc/cs/data',
      limits: { ratePerMinute: 600, breaker: { repeats: 20, windowSeconds: 60, pauseSeconds: 300 }, destructivePerHour: 60 },
      env: 'production',
      targets: [],
      warnings: [],
    },
  );
  assert.deepEqual(c.agents, [{ kind: 'agent', id: 'bot', operator: 'ana', tokenSha256: H('bot') }]);
});

test('YAML syntax errors name file:line:col', () => {
  const e = errorOf(() => parseConfig('version: 1\nenvironments:\n  prod: [unclosed\n', 'c.yaml'));
  assert.equal(e.code, 'E_CONFIG_PARSE');
  assert.match(e.message, /^The configuration could not be parsed\. Fix the YAML syntax:\n  c\.yaml:4:1: /);
});

test('duplicate keys are a parse error, not a silent override', () => {
  const e = errorOf(() => parseConfig(yamlWith('default_environment: dev\n'), 'c.yaml'));
  assert.equal(e.code, 'E_CONFIG_PARSE');
  assert.match(e.message, /c\.yaml:12:1: Map keys must be unique/);
});

test('an unresolved YAML tag is a parse error', () => {
  const e = errorOf(() => parseConfig(yamlWith('data_dir: !secret /x\n'), 'c.yaml'));
  assert.deepEqual(e, { code: 'E_CONFIG_PARSE', message: 'The configuration could not be parsed. Fix the YAML syntax:\n  c.yaml:12:11: Unresolved tag: !secret' });
});

test('unknown keys are errors at the key, with what is allowed', () => {
  const e = errorOf(() => parseConfig(yamlWith('servr: {listen: 1}\n'), 'c.yaml'));
  assert.deepEqual(e, {
    code: 'E_CONFIG_INVALID',
    message:
      'The configuration is invalid. Fix these in c.yaml:\n  c.yaml:12:1: servr: unknown key "servr"; allowed here: version, environments, default_environment, principals, server, data_dir, targets, policy, limits',
  });
});

test('every problem is reported at once, each with its line', () => {
  const e = errorOf(() =>
    parseConfig(yamlWith(`targets:
  - {id: t1, environment: prodution, match: {cwd_prefix: /srv/a}}
server: {listen: "localhost", wait_max_seconds: 0}
`), 'c.yaml'),
  );
  assert.equal(e.code, 'E_CONFIG_INVALID');
  assert.deepEqual(e.message.split('\n').slice(1), [
    '  c.yaml:14:18: server.listen: "localhost" is not host:port; write e.g. 127.0.0.1:7300 or [::1]:7300',
    '  c.yaml:14:49: server.wait_max_seconds: expected a duration from 1s to 3600s (seconds, or e.g. 30s, 5m), got 0',
    '  c.yaml:13:27: targets[0].environment: "prodution" is not declared under environments (declared: production, dev)',
  ]);
});

test('policy-only problems are E_POLICY_INVALID with lines', () => {
  const policy = `policy:
  rules:
    - id: r1
      when: {enviroment: production}
      decide: allow
    - id: r2
      when: {environment: prod}
      decide: {approve: {count: 0}}
`;
  const e = errorOf(() => parseConfig(yamlWith('', policy), 'p.yaml'));
  assert.equal(e.code, 'E_POLICY_INVALID');
  assert.deepEqual(e.message.split('\n').slice(1), [
    '  p.yaml:15:14: policy.rules[0].when.enviroment: unknown key "enviroment"; allowed here: environment, risk, kind, target, agent, command, effect, tool, resource, finding',
    '  p.yaml:18:27: policy.rules[1].when.environment: "prod" matches no declared environment (declared: production, dev)',
    '  p.yaml:19:33: policy.rules[1].decide.approve.count: 0 is out of range; use a number from 1 to 20',
  ]);
});

test('a protected environment may not allow destructive or unknown actions by default', () => {
  const text = yamlWith().replace('production: {protected: true, default: deny}', 'production: {protected: true, default: {readonly: allow, mutating: allow, destructive: deny, unknown: allow}}');
  const e = errorOf(() => parseConfig(text, 'c.yaml'));
  assert.equal(e.code, 'E_POLICY_INVALID');
  assert.match(e.message, /c\.yaml:4:42: environments\.production\.default: a protected environment cannot allow unknown actions by default/);
});

test('the default environment must be protected', () => {
  const e = errorOf(() => parseConfig(yamlWith().replace('default_environment: production', 'default_environment: dev'), 'c.yaml'));
  assert.match(e.message, /c\.yaml:2:22: default_environment: "dev" is not protected/);
});

test('principals: operator must be a human, ids and token hashes unique, agents have no roles', () => {
  const text = yamlWith().replace(
    `    - {id: bot, operator: ana, token_sha256: ${H('bot')}}`,
    `    - {id: bot, operator: bot2, token_sha256: ${H('bot')}}\n    - {id: ana, operator: ana, token_sha256: ${H('ana')}, roles: [senior]}\n    - {id: x, operator: ana, token_sha256: nothex}`,
  );
  const e = errorOf(() => parseConfig(text, 'c.yaml'));
  assert.deepEqual(e.message.split('\n').slice(1), [
    '  c.yaml:11:27: principals.agents[0].operator: operator "bot2" is not a human under principals.humans; an agent\'s operator must be a person',
    '  c.yaml:12:112: principals.agents[1].roles: agents have no roles: an agent can never approve anything; remove roles',
    '  c.yaml:12:12: principals.agents[1].id: id "ana" is already used by principals.humans[0]; every principal needs its own id',
    '  c.yaml:12:46: principals.agents[1].token_sha256: the same token hash is used by "ana"; give every principal its own token',
    '  c.yaml:13:44: principals.agents[2].token_sha256: "nothex" is not valid: expected 64 hex digits, the SHA-256 of the token (countersign init prints tokens and stores hashes)',
  ]);
});

test('$ENV references and env_from resolve from the given environment at load', () => {
  const text = yamlWith(`targets:
  - id: db
    environment: production
    match: {db_host: [Prod-DB.internal]}
    credentials:
      env: {PGUSER: "app_$STAGE", PGOPTIONS: "cost=$$5"}
      env_from: {PGPASSWORD: DB_PASS}
data_dir: \${DATA}/cs
`);
  const c = parseConfig(text, '/x/c.yaml', { env: { STAGE: 'prod', DB_PASS: 's3cret', DATA: '/var/lib' } });
  assert.deepEqual(c.targets[0], {
    id: 'db',
    environment: 'production',
    match: { db_host: ['prod-db.internal'] },
    credentials: { env: { PGUSER: 'app_prod', PGOPTIONS: 'cost=$5', PGPASSWORD: 's3cret' } },
  });
  assert.equal(c.dataDir, '/var/lib/cs');
  const e = errorOf(() => parseConfig(text, 'c.yaml', { env: { STAGE: 'prod' } }));
  assert.deepEqual(e.message.split('\n').slice(1), [
    "  c.yaml:18:30: targets[0].credentials.env_from.PGPASSWORD: names $DB_PASS, which is not set in Countersign's environment; set it before starting Countersign",
    "  c.yaml:19:11: data_dir: refers to $DATA, which is not set in Countersign's environment; set it before starting Countersign or remove the reference",
  ]);
});

test('a context value may identify only one target', () => {
  const e = errorOf(() =>
    parseConfig(yamlWith(`targets:
  - {id: a, environment: production, match: {db_host: db1}}
  - {id: b, environment: dev, match: {db_host: [x, DB1]}}
`), 'c.yaml'),
  );
  assert.match(e.message, /c\.yaml:14:52: targets\[1\]\.match\.db_host\[1\]: db_host "db1" already identifies target "a"/);
});

test('warnings name approvals no team can give', () => {
  const policy = `policy:
  rules:
    - {id: three, when: {risk: destructive}, decide: {approve: {count: 3, roles: [senior]}}}
    - {id: two, when: {risk: mutating}, decide: {approve: {count: 2, roles: [senior]}}}
`;
  assert.deepEqual(parseConfig(yamlWith('', policy)).warnings, [
    'rule "three" needs 3 approvals from [senior] but only 2 human(s) qualify; its requests can never be approved',
    'rule "two" needs 2 approvals from [senior]; for agent(s) bot too few qualify once their operator is excluded',
  ]);
});

test('rule examples are checked at load and name the rule and the example', async () => {
  const policy = `policy:
  rules:
    - id: no-drop
      when: {environment: production, effect: drop-*}
      decide: deny
      examples:
        match: [{action: {kind: sql, sql: "DROP TABLE t"}}]
        no_match: [{action: {kind: sql, sql: "DELETE FROM t WHERE id = 1"}}, {action: {kind: sql, sql: "DROP TABLE u"}}]
`;
  await assert.rejects(parseConfigChecked(yamlWith('', policy), 'e.yaml'), (e: CountersignError) => {
    assert.equal(e.code, 'E_POLICY_EXAMPLE');
    const lines = e.message.split('\n');
    assert.equal(lines.length, 2);
    assert.match(lines[1]!, /^  e\.yaml:19:78: rule "no-drop", example policy\.rules\[0\]\.examples\.no_match\[1\] should not match the rule but does; classified destructive in production: /);
    return true;
  });
  const ok = await parseConfigChecked(yamlWith('', policy.replace(', {action: {kind: sql, sql: "DROP TABLE u"}}', '')), 'e.yaml');
  assert.equal(ok.policy.rules[0]!.examples.match.length, 1);
});

test("examples are evaluated on the rule's target, environment and agent unless they say otherwise", async () => {
  const text = yamlWith(`targets:
  - {id: db, environment: dev, match: {db_host: db1}}
  - {id: web, environment: production, match: {cwd_prefix: /srv/web}}
`, `policy:
  rules:
    - id: db-drops
      when: {target: db, effect: drop-*, agent: bot}
      decide: {approve: {count: 1}}
      examples:
        match: [{action: {kind: sql, sql: "DROP TABLE t"}}]
        no_match:
          - {action: {kind: sql, sql: "DROP TABLE t"}, target: web}
          - {action: {kind: sql, sql: "DROP TABLE t"}, agent: nobody}
          - {action: {kind: sql, sql: "SELECT 1"}}
`);
  const c = await parseConfigChecked(text, 'c.yaml');
  assert.equal(c.policy.rules[0]!.examples.no_match.length, 3);
  const bad = text.replace('target: web}', 'target: nowhere}');
  await assert.rejects(parseConfigChecked(bad, 'c.yaml'), (e: CountersignError) => {
    assert.equal(e.message, 'A rule example did not behave as the rule says it should. Fix the rule or its example:\n  c.yaml:20:13: rule "db-drops", example policy.rules[0].examples.no_match[0] names target "nowhere", which is not declared under targets');
    return true;
  });
});

test('loadConfig reads a file and says how to get one when it is missing', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cs-config-'));
  writeFileSync(join(dir, 'countersign.yaml'), yamlWith());
  assert.equal(loadConfig(join(dir, 'countersign.yaml')).dataDir, join(dir, 'data'));
  const e = errorOf(() => loadConfig(join(dir, 'nope.yaml')));
  assert.equal(e.code, 'E_CONFIG_PARSE');
  assert.match(e.message, /Cannot read .*nope\.yaml \(ENOENT\)\. Run `countersign init`/);
});
