// The small parts of the policy language: globs, durations, approval combination, decide parsing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Checker, anyGlob, combineApprovals, compileGlob, compilePolicy, parseDuration, rolesSatisfy } from './index.js';
import { CountersignError } from '../core/index.js';

test('globs: * spans dots and slashes, ? is one character, the rest is literal', () => {
  const cases: [string, string, boolean][] = [
    ['aws_db_instance.*', 'aws_db_instance.main', true],
    ['aws_db_instance.*', 'aws_db_instance.main["eu"]', true],
    ['aws_db_instance.*', 'module.db.aws_db_instance.main', false],
    ['*.aws_db_instance.*', 'module.db.aws_db_instance.main', true],
    ['*.aws_vpc.*', 'my_aws_vpc.main', false],
    ['delete-*', 'delete-resource', true],
    ['/srv/*', '/srv/a/b/c', true],
    ['db?', 'db1', true],
    ['db?', 'db12', false],
    ['a.b', 'axb', false],
    ['(x)+[y]', '(x)+[y]', true],
    ['Prod', 'prod', false],
  ];
  assert.deepEqual(cases.map(([g, v]) => compileGlob(g).re.test(v)), cases.map((c) => c[2]));
});

test('a list of globs holds exactly when one of them matches the whole value', () => {
  const list = ['a', 'a*b', 'x?z', '(p|q)', 'line*end'].map(compileGlob);
  const values = ['a', 'ab', 'acccb', 'abc', 'xyz', 'xyzz', 'p', '(p|q)', 'q', 'line\nend', 'ba', ''];
  const one = values.map((v) => list.some((g) => g.re.test(v)));
  assert.deepEqual(one, [true, true, true, false, true, false, false, true, false, true, false, false]);
  assert.deepEqual(values.map((v) => anyGlob(list, v)), one);
  assert.deepEqual([anyGlob([], 'a'), anyGlob([], ''), anyGlob([compileGlob('a')], 'a'), anyGlob([compileGlob('a')], 'b')], [false, false, true, false]);
});

test('durations: seconds or unit-suffixed parts', () => {
  assert.deepEqual(['90', 90, '30m', '1h', '1h30m', '2d', '45s', '0', '-5', '1x', '', 'h', 1.5, null].map(parseDuration), [90, 90, 1800, 3600, 5400, 172800, 45, null, null, null, null, null, null, null]);
});

test('rolesSatisfy: any role of every set', () => {
  const req = combineApprovals([
    { count: 1, roles: ['dba', 'senior'], ttlSeconds: 60 },
    { count: 2, roles: ['network'], ttlSeconds: 120 },
  ]);
  assert.deepEqual(req, { count: 2, roles: ['dba', 'network', 'senior'], roleSets: [['dba', 'senior'], ['network']], ttlSeconds: 60 });
  assert.deepEqual([['senior'], ['network'], ['senior', 'network'], ['dba', 'network', 'x'], []].map((r) => rolesSatisfy(req, r)), [false, false, true, true, false]);
  const anyone = combineApprovals([{ count: 1, roles: [], ttlSeconds: 60 }, { count: 1, roles: [], ttlSeconds: 30 }]);
  assert.deepEqual([anyone, rolesSatisfy(anyone, [])], [{ count: 1, roles: [], ttlSeconds: 30 }, true]);
});

test('approve decisions: defaults, limits and unknown keys', () => {
  const doc = (decide: unknown) => ({ default_environment: 'p', environments: { p: { protected: true, default: 'deny' } }, policy: { rules: [{ id: 'r', decide }] } });
  assert.deepEqual(compilePolicy(doc({ approve: { count: 1 } })).rules[0]!.decide, { verdict: 'approve', approval: { count: 1, roles: [], ttlSeconds: 3600 } });
  const problems = (decide: unknown): string[] => {
    try {
      compilePolicy(doc(decide));
      return [];
    } catch (e) {
      assert.ok(e instanceof CountersignError && e.code === 'E_POLICY_INVALID');
      return e.message.split('\n').slice(1).map((l) => l.trim());
    }
  };
  assert.deepEqual(problems({ approve: { count: 2, roles: 'senior', ttl: '8d', recovery_point: 'maybe', quorum: 1 } }), [
    'policy.rules[0].decide.approve.quorum: unknown key "quorum"; allowed here: count, roles, ttl, recovery_point',
    'policy.rules[0].decide.approve.ttl: is longer than 7 days; an approval should not stay usable that long',
    'policy.rules[0].decide.approve.recovery_point: expected one of required, optional, got "maybe"',
  ]);
  assert.deepEqual(problems('approve'), ['policy.rules[0].decide: expected allow, deny or {approve: {count, roles, ttl}}, got "approve"']);
  assert.deepEqual(problems({ approve: { count: 1, ttl: 'soon' } }), ['policy.rules[0].decide.approve.ttl: "soon" is not a duration; write seconds or e.g. 30m, 1h, 2d']);
});

test('rule ids are unique and conditions are checked against what exists', () => {
  const c = new Checker();
  assert.throws(
    () => compilePolicy({
      default_environment: 'p',
      environments: { p: { protected: true, default: 'deny' } },
      policy: { rules: [{ id: 'a', decide: 'allow', when: { risk: 'harmless', kind: ['shell', 'ftp'], effect: [] } }, { id: 'a', decide: 'deny' }] },
    }),
    (e: CountersignError) => {
      assert.deepEqual(e.message.split('\n').slice(1).map((l) => l.trim()), [
        'policy.rules[0].when.risk: expected one of readonly, mutating, destructive, unknown, got "harmless"',
        'policy.rules[0].when.kind[1]: expected one of shell, sql, terraform-plan, mcp, file, got "ftp"',
        'policy.rules[0].when.effect: must not be an empty list (leave the key out to match anything)',
        'policy.rules[1].id: rule id "a" is used twice; ids must be unique',
      ]);
      return true;
    },
  );
  assert.equal(c.ok, true);
});
