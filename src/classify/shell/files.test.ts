// A script that writes a file and then runs it is judged by what it wrote.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { fileKey, shebang } from './files.js';
import { initShell } from './index.js';
import { newState } from './state.js';
import { shell } from './test-util.js';

before(() => initShell());

const op = (name: string) => `shell.unknown-command mutating ${name}`;

test('written, then run by a shell, as ./path, by source, or by an interpreter', () => {
  assert.deepEqual(shell('cat > run.sh <<EOF\nzzop -x\nEOF\nbash run.sh').findings.slice(-1), [op('zzop')]);
  assert.deepEqual(shell('echo "zzop" > fix.sh && chmod +x fix.sh && ./fix.sh').findings.slice(-1), [op('zzop')]);
  assert.deepEqual(shell('echo "zzop" | tee a.sh; source a.sh').findings.slice(-1), [op('zzop')]);
  assert.deepEqual(shell('cd sub && echo "zzop" > r.sh; cd /work/proj; sh sub/r.sh').findings.slice(-1), [op('zzop')]);
  assert.deepEqual(shell("cat <<'EOF' > x.py\nimport os\nos.system('zzop')\nEOF\npython3 x.py").findings.slice(-2), [op('zzop'), 'shell.interpreter-code mutating python3']);
  assert.deepEqual(shell('printf "#!/usr/bin/env python3\\nimport os\\nos.system(\'zzop\')\\n" > t.py; ./t.py').findings.slice(-2), [op('zzop'), 'shell.interpreter-code mutating python3']);
});

test('content that is not fully known stays unseen', () => {
  assert.deepEqual(shell('echo "zzop" >> old.sh; bash old.sh').findings.slice(-1), ['shell.run-script mutating old.sh']);
  assert.deepEqual(shell('echo "zzop" > a.sh; zzgen > a.sh; bash a.sh').findings.slice(-1), ['shell.run-script mutating a.sh']);
  assert.deepEqual(shell('bash never-written.sh'), { risk: 'mutating', findings: ['shell.run-script mutating never-written.sh'] });
  assert.deepEqual(shell('echo "$CMD" > d.sh; bash d.sh').risk, 'unknown');
});

test('keys and shebangs', () => {
  const st = newState('/w');
  assert.deepEqual([fileKey('./a/../b.sh', st), fileKey('/tmp//x', st)], ['/w/b.sh', '/tmp/x']);
  assert.deepEqual([shebang('#!/usr/bin/env python3\n'), shebang('#!/bin/bash -e\n'), shebang('echo')], ['python3', 'bash', undefined]);
});
