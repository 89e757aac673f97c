import assert from 'node:assert/strict';
import { test } from 'node:test';
import { expandBraces } from './braces.js';

test('comma lists expand, nested and repeated; ranges and unbalanced braces stay literal', () => {
  assert.deepEqual(expandBraces('./{dist,build}'), ['./dist', './build']);
  assert.deepEqual(expandBraces('{a,b}{c,d}'), ['ac', 'ad', 'bc', 'bd']);
  assert.deepEqual(expandBraces('x{a,{b,c}}y'), ['xay', 'xby', 'xcy']);
  assert.deepEqual(expandBraces('/{,etc}'), ['/', '/etc']);
  assert.deepEqual([expandBraces('{a}'), expandBraces('{1..3}'), expandBraces('a{b,c')], [['{a}'], ['{1..3}'], ['a{b,c']]);
  assert.equal(expandBraces('{a,b}'.repeat(12)).length, 64);
});
