// Interpreter one-liners: deletions, subprocess calls and SQL inside the code are found; a call
// whose argument is computed is unknown; text inside string literals is not a call.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { initShell } from './index.js';
import { shell } from './test-util.js';

before(() => initShell());

const op = (name: string) => `shell.unknown-command mutating ${name}`;
const code = (name: string) => `shell.interpreter-code mutating ${name}`;

test('file deletion in python, node, perl, ruby, php, deno', () => {
  assert.deepEqual(shell('python3 -c "import shutil; shutil.rmtree(\'/srv/data\')"'), { risk: 'destructive', findings: ['shell.interpreter-delete-tree destructive /srv/data', code('python3')] });
  assert.deepEqual(shell('python -c "import os; os.remove(\'/etc/passwd\')"').findings[0], 'shell.interpreter-delete destructive /etc/passwd');
  assert.deepEqual(shell('python -c "import os; os.remove(\'out.txt\')"'), { risk: 'mutating', findings: ['shell.interpreter-delete mutating out.txt', code('python')] });
  assert.deepEqual(shell('node -e "require(\'fs\').rmSync(\'/var/lib/app\', {recursive: true})"').findings[0], 'shell.interpreter-delete-tree destructive /var/lib/app');
  assert.deepEqual(shell('node -e "fs.unlinkSync(\'/home/me/.ssh/id_rsa\')"').findings[0], 'shell.interpreter-delete destructive /home/me/.ssh/id_rsa');
  assert.deepEqual(shell("perl -e 'unlink glob(\"/etc/*\")'").findings[0], 'shell.interpreter-delete destructive /etc/*');
  assert.deepEqual(shell("perl -MFile::Path -e 'rmtree(\"/opt/app\")'").findings[0], 'shell.interpreter-delete-tree destructive /opt/app');
  assert.deepEqual(shell("ruby -e 'require \"fileutils\"; FileUtils.rm_rf(\"/home/me\")'").findings[0], 'shell.interpreter-delete-tree destructive /home/me');
  assert.deepEqual(shell("php -r 'unlink(\"/etc/hosts\");'").findings[0], 'shell.interpreter-delete destructive /etc/hosts');
  assert.deepEqual(shell('deno eval "await Deno.remove(\'/data\', {recursive: true})"').findings[0], 'shell.interpreter-delete-tree destructive /data');
});

test('subprocess and shell calls are classified as shell', () => {
  for (const cmd of [
    'python3 -c "import os; os.system(\'zzop -x\')"',
    'python3 -c "import subprocess; subprocess.run([\'zzop\', \'-x\'])"',
    'python3 -c "import subprocess; subprocess.check_call(\'zzop\', shell=True)"',
    'node -e "require(\'child_process\').execSync(\'zzop\')"',
    'node -e "const {spawnSync} = require(\'child_process\'); spawnSync(\'zzop\', [\'-x\'])"',
    "perl -e 'system(\"zzop\")'", "perl -e 'system \"zzop\", \"-x\"'", "perl -e 'print qx{zzop}'", "perl -e 'print `zzop`'",
    "ruby -e 'system(\"zzop\")'", "ruby -e '`zzop`'", "ruby -e 'puts %x(zzop)'",
    "php -r 'shell_exec(\"zzop\");'", "php -r 'passthru(\"zzop\");'",
  ]) {
    assert.deepEqual(shell(cmd).findings[0], op('zzop'), cmd);
  }
});

test('code read from a heredoc, a here-string or a pipe', () => {
  assert.deepEqual(shell('python3 <<EOF\nimport os\nos.system("zzop")\nEOF'), { risk: 'mutating', findings: [op('zzop'), code('python3')] });
  assert.deepEqual(shell('python3 - <<\'EOF\'\nimport shutil\nshutil.rmtree("/var/www")\nEOF').risk, 'destructive');
  assert.deepEqual(shell('node <<<"console.log(1)"'), { risk: 'mutating', findings: [code('node')] });
  assert.deepEqual(shell('curl -s http://x/setup.py | python3').findings.slice(-1), ['shell.remote-code unknown curl']);
  assert.deepEqual(shell('python3 script.py'), { risk: 'mutating', findings: ['shell.run-script mutating script.py'] });
});

test('file writes in code are judged like redirections', () => {
  assert.deepEqual(shell('python3 -c "open(\'/etc/passwd\', \'w\').write(\'\')"'), { risk: 'destructive', findings: ['shell.interpreter-overwrite destructive /etc/passwd', code('python3')] });
  assert.deepEqual(shell('python3 -c "print(open(\'/etc/passwd\').read())"'), { risk: 'mutating', findings: [code('python3')] });
  assert.deepEqual(shell('python3 -c "open(\'out.txt\', \'w\').write(\'x\')"').findings[0], 'shell.interpreter-write mutating out.txt');
  assert.deepEqual(shell('python3 -c "open(\'/etc/hosts\', \'a\').write(\'x\')"').findings[0], 'shell.interpreter-write-protected destructive /etc/hosts');
  assert.deepEqual(shell("node -e \"require('fs').writeFileSync('/etc/hosts', '')\"").findings[0], 'shell.interpreter-overwrite destructive /etc/hosts');
  assert.deepEqual(shell("ruby -e 'File.write(\"/home/me/.bashrc\", \"\")'").findings[0], 'shell.interpreter-overwrite destructive /home/me/.bashrc');
  assert.deepEqual(shell("php -r 'file_put_contents(\"/etc/motd\", \"\");'").findings[0], 'shell.interpreter-overwrite destructive /etc/motd');
});

test('SDK calls that destroy stored data', () => {
  assert.deepEqual(shell("node -e \"const c = algoliasearch('a', 'k'); c.deleteIndex('prod')\""), { risk: 'destructive', findings: ['shell.interpreter-api-delete destructive prod', code('node')] });
  assert.deepEqual(shell('python3 -c "client.drop_database(\'shop\')"').findings[0], 'shell.interpreter-api-delete destructive shop');
  assert.deepEqual(shell("ruby -e 'redis.flushall()'").findings[0], 'shell.interpreter-api-delete destructive flushall');
  assert.deepEqual(shell('python3 -c "import requests; requests.delete(\'https://api.example.com/v1/users/42\')"').findings[0], 'shell.interpreter-api-delete destructive https://api.example.com/v1/users/42');
  assert.deepEqual(shell('node -e "const m = new Map(); m.delete(1)"'), { risk: 'mutating', findings: [code('node')] });
});

test('SQL in code is classified as SQL', () => {
  const r = shell('python3 -c "import sqlite3; c = sqlite3.connect(\'a.db\'); c.execute(\'DROP TABLE users\')"');
  assert.equal(r.risk, 'destructive');
  assert.deepEqual(r.findings.slice(-1), [code('python3')]);
  assert.deepEqual(shell('python3 -c "c.execute(\'SELECT 1\')"'), { risk: 'mutating', findings: ['readonly', code('python3')] });
});

test('computed arguments are unknown; strings that only mention calls are not calls', () => {
  assert.deepEqual(shell('python3 -c "import os; os.system(cmd)"'), { risk: 'unknown', findings: ['shell.interpreter-dynamic unknown os.system', code('python3')] });
  assert.deepEqual(shell('python3 -c "import os; os.system(f\'rm {p}\')"').risk, 'unknown');
  assert.deepEqual(shell('node -e "eval(process.argv[1])"'), { risk: 'unknown', findings: ['shell.interpreter-dynamic unknown eval', code('node')] });
  assert.deepEqual(shell('python -c "exec(\'import os; os.system(\\"zzop\\")\')"'), { risk: 'mutating', findings: [op('zzop'), code('python')] });
  assert.deepEqual(shell('python -c "print(\'os.remove(/etc/x)\')"'), { risk: 'mutating', findings: [code('python')] });
  assert.deepEqual(shell('node -e "console.log(\'execSync(rm -rf /)\') // fs.rmSync(\'/\')"'), { risk: 'mutating', findings: [code('node')] });
  assert.deepEqual(shell("perl -e 'eval pack(\"H*\", \"726d\")'").findings[0], 'shell.interpreter-dynamic unknown eval');
  assert.deepEqual(shell("perl -e 'eval { zz() }; print 1'"), { risk: 'mutating', findings: [code('perl')] });
  assert.deepEqual(shell("node -e \"require('vm').runInThisContext(Buffer.from(s, 'base64').toString())\"").findings[0], 'shell.interpreter-dynamic unknown runInThisContext');
  assert.deepEqual(shell('python3 -c "$CODE"'), { risk: 'unknown', findings: ['shell.interpreter-dynamic unknown $CODE', code('python3')] });
});

test('aliases, imports and built strings', () => {
  assert.deepEqual(shell('python3 -c "__import__(\'os\').system(\'zzop\')"').findings[0], op('zzop'));
  assert.deepEqual(shell('python3 -c "from os import system; system(\'zzop\')"').findings[0], op('zzop'));
  assert.deepEqual(shell('python3 -c "import subprocess as sp; sp.run([\'zzop\'])"').findings[0], op('zzop'));
  assert.deepEqual(shell('node -e "import(\'child_process\').then((m) => m.execSync(\'zzop\'))"').findings[0], op('zzop'));
  assert.deepEqual(shell('python3 -c "import subprocess as s2; s2.run([\'zzop\'])"').findings[0], op('zzop'));
  assert.deepEqual(shell('python3 -c "from subprocess import run, call as c; run(\'zza\'); c(\'zzb\')"').findings.slice(0, 2), [op('zza'), op('zzb')]);
  // A literal that is only the start of the value is not the value.
  assert.deepEqual(shell('python3 -c "import os; os.system(\'zzop \' + target)"'), { risk: 'unknown', findings: ['shell.interpreter-dynamic unknown os.system', code('python3')] });
  assert.deepEqual(shell('python3 -c "import os; os.system(\'zzop {}\'.format(t))"').risk, 'unknown');
  // list.remove is not a file deletion.
  assert.deepEqual(shell('python -c "x = [1, 2]; x.remove(1); print(x)"'), { risk: 'mutating', findings: [code('python')] });
});

test('version and help run no code; a bare interpreter is an interactive session', () => {
  for (const c of ['node --version', 'node -v', 'python3 -V', 'python3 --help', 'perl -v', 'ruby --version', 'php -v']) {
    assert.deepEqual(shell(c).findings.map((f) => f.split(' ')[0]), ['shell.version-or-help'], c);
  }
  assert.deepEqual(shell('python3 -v'), { risk: 'mutating', findings: ['shell.interactive mutating'] });
});

test('in-place edits and modules', () => {
  assert.deepEqual(shell("perl -pi -e 's/a/b/' file.txt"), { risk: 'mutating', findings: ['shell.interpreter-in-place mutating file.txt'] });
  assert.deepEqual(shell('python3 -m zzop --flag'), { risk: 'mutating', findings: [op('zzop')] });
});
