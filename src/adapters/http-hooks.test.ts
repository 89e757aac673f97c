// The Claude Code http hook must answer 200 with a deny even when its own parsing throws: a non-2xx
// answer is a non-blocking error to Claude, so the tool call would run.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Agent } from '../core/index.js';
import { claudeCodeHttpHook, type HookEngine } from './http-hooks.js';

const agent: Agent = { kind: 'agent', id: 'agent-1', operator: 'senior-a' };
const engine: HookEngine = {
  submit: async () => {
    throw new Error('must not be reached');
  },
  wait: async () => {
    throw new Error('must not be reached');
  },
  publicUrl: 'http://127.0.0.1:7300',
};

test('an input whose reading throws is answered 200 with a PreToolUse deny', async () => {
  const hostile = new Proxy({}, { get: () => { throw new Error('boom'); }, has: () => { throw new Error('boom'); }, ownKeys: () => { throw new Error('boom'); } });
  const out = await claudeCodeHttpHook(hostile, { agent, engine });
  const body = out.body as { hookSpecificOutput?: { hookEventName?: string; permissionDecision?: string } };
  assert.deepEqual([out.status, body.hookSpecificOutput?.hookEventName, body.hookSpecificOutput?.permissionDecision], [200, 'PreToolUse', 'deny']);
});
