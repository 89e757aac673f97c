// Wrappers are unwrapped to the command they run, however they are stacked.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { initShell } from './index.js';
import { shell } from './test-util.js';

before(() => initShell());

const op = (name: string) => `shell.unknown-command mutating ${name}`;
const only = (name: string) => ({ risk: 'mutating', findings: [op(name)] });

test('privilege, scheduling and environment wrappers', () => {
  for (const cmd of [
    'sudo zzop', 'sudo -u root -- zzop', 'sudo -E -H --user=deploy zzop', 'doas -u root zzop', 'pkexec zzop',
    'env zzop', 'env -i A=1 -u B -C /tmp zzop', 'env -P /usr/bin zzop', 'env -- zzop', 'command zzop', 'builtin zzop', 'exec -a name zzop',
    'nice -n 10 zzop', 'nice zzop', 'ionice -c3 zzop', 'nohup zzop', 'timeout 10 zzop', 'timeout -s KILL -k 5 1m zzop', 'timeout $T zzop',
    'time zzop', 'time -p zzop', 'stdbuf -oL -e0 zzop', 'setsid zzop', 'chroot /mnt zzop', 'flock /tmp/lock zzop', 'strace -o log zzop',
    'sudo nice -n 5 timeout 3 env X=1 nohup zzop', 'busybox zzop', 'xargs zzop < list', 'runuser -u app -- zzop',
    'nsenter -t 1 -m -u -i -n -p -- zzop', 'unshare -r zzop', 'toybox zzop', 'gtimeout 5 zzop', "sg docker -c 'zzop'", "script -q -c 'zzop' /dev/null",
  ]) {
    assert.deepEqual(shell(cmd), only('zzop'), cmd);
  }
});

test('wrappers with nothing to run, or asked only to look something up', () => {
  assert.deepEqual(shell('sudo -l'), { risk: 'readonly', findings: ['shell.wrapper-lookup readonly sudo'] });
  assert.deepEqual(shell('command -v zzop'), { risk: 'readonly', findings: ['shell.wrapper-lookup readonly command'] });
  assert.deepEqual(shell('nohup'), { risk: 'readonly', findings: ['shell.wrapper-only readonly nohup'] });
  assert.deepEqual(shell('env'), { risk: 'readonly', findings: ['shell.env-print readonly'] });
  assert.deepEqual(shell('sudo -i'), { risk: 'mutating', findings: ['shell.interactive mutating sudo'] });
});

test('wrappers that run shell text: env -S, watch, su -c, flock -c', () => {
  assert.deepEqual(shell('env -S "zzop -x" y'), only('zzop'));
  assert.deepEqual(shell('watch -n 1 "zza; zzb"'), { risk: 'mutating', findings: [op('zza'), op('zzb')] });
  assert.deepEqual(shell('watch -x zzop arg'), only('zzop'));
  assert.deepEqual(shell('su - bob -c "zza && zzb"'), { risk: 'mutating', findings: [op('zza'), op('zzb')] });
  assert.deepEqual(shell('flock /tmp/l -c "zzop"'), only('zzop'));
});

test('a computed option to a wrapper hides the command: unknown', () => {
  assert.deepEqual(shell('sudo $OPTS zzop'), { risk: 'unknown', findings: ['shell.dynamic-command unknown sudo'] });
  assert.deepEqual(shell('env $ENVS zzop'), { risk: 'unknown', findings: ['shell.dynamic-command unknown env'] });
});

test('xargs runs its command with the items it reads', () => {
  assert.deepEqual(shell('echo a b | xargs -n1 zzop'), { risk: 'mutating', findings: ['readonly', op('zzop')] });
  assert.deepEqual(shell('echo a | xargs -I{} sh -c "zzop {}"'), { risk: 'mutating', findings: ['readonly', op('zzop')] });
  assert.deepEqual(shell('echo a | xargs --replace=X zzop X'), { risk: 'mutating', findings: ['readonly', op('zzop')] });
  // Input items run as whole scripts are code chosen at run time; the known example is still walked.
  assert.deepEqual(shell("echo 'zza' | xargs -I{} bash -c {}"), { risk: 'unknown', findings: ['readonly', 'shell.items-as-code unknown xargs', op('zza')] });
  assert.deepEqual(shell('echo zza | xargs bash -c'), { risk: 'unknown', findings: ['readonly', 'shell.items-as-code unknown xargs', op('zza')] });
  // Items read from an unknown source are unknown words.
  assert.deepEqual(shell('zzlist | xargs -n1 zzop'), { risk: 'mutating', findings: [op('zzlist'), op('zzop')] });
  assert.deepEqual(shell('zzlist | xargs -I{} bash -c "zzop {}"'), { risk: 'unknown', findings: [op('zzlist'), 'shell.dynamic-script unknown zzop $XARGS_ITEM', op('zzop')] });
  assert.deepEqual(shell('xargs -i zzop'), { risk: 'mutating', findings: [op('zzop')] });
});

test('parallel runs its command once per item, or each item as a command line', () => {
  assert.deepEqual(shell('parallel zzop ::: a b'), { risk: 'mutating', findings: [op('zzop'), op('zzop')] });
  assert.deepEqual(shell('parallel ::: "zza" "zzb -x"'), { risk: 'mutating', findings: [op('zza'), op('zzb')] });
  assert.deepEqual(shell('echo x | parallel "zzop {}"'), { risk: 'mutating', findings: ['readonly', op('zzop')] });
  assert.deepEqual(shell('parallel bash -c ::: "zza"'), { risk: 'unknown', findings: ['shell.items-as-code unknown parallel', op('zza')] });
  assert.deepEqual(shell('parallel bash -c "zzop {}" ::: a'), { risk: 'mutating', findings: [op('zzop')] });
  assert.deepEqual(shell('parallel :::'), { risk: 'readonly', findings: [] });
});

test('ssh: the remote command is parsed like a local one', () => {
  assert.deepEqual(shell('ssh -i key -p 22 host zza "&&" zzb'), { risk: 'mutating', findings: [op('zza'), op('zzb')] });
  assert.deepEqual(shell("ssh host 'zza; zzb'"), { risk: 'mutating', findings: [op('zza'), op('zzb')] });
  assert.deepEqual(shell('ssh host'), { risk: 'mutating', findings: ['shell.interactive mutating'] });
  assert.deepEqual(shell('ssh host <<EOF\nzzop\nEOF'), only('zzop'));
  assert.deepEqual(shell('ssh host "$REMOTE_CMD"'), { risk: 'unknown', findings: ['shell.dynamic-script unknown $REMOTE_CMD', 'shell.dynamic-command unknown $REMOTE_CMD'] });
});

test('terminal multiplexers run what they are given', () => {
  assert.deepEqual(shell("tmux new -d -s job 'zza; zzb'"), { risk: 'mutating', findings: [op('zza'), op('zzb')] });
  assert.deepEqual(shell("tmux send-keys -t job 'zzop -x' Enter"), only('zzop'));
  assert.deepEqual(shell('screen -dmS w zzop -x'), only('zzop'));
  assert.deepEqual(shell("screen -S w -X stuff 'zzop\\n'"), only('zzop'));
  assert.deepEqual(shell('tmux ls'), { risk: 'readonly', findings: ['shell.tmux readonly ls'] });
  assert.deepEqual(shell('tmux send-keys -t job "$CMD" Enter').risk, 'unknown');
});

test('ssh -o ProxyCommand runs shell text here', () => {
  assert.deepEqual(shell("ssh -o ProxyCommand='zzprox %h' host"), { risk: 'mutating', findings: [op('zzprox'), 'shell.interactive mutating'] });
});
