// Bypasses found in review: each case was answered "readonly" or "mutating" before its fix.
// Whole reports are compared as risk plus the rule ids that decided it.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { classifyShell, initShell } from './index.js';

before(() => initShell());

/** Risk and the distinct rule ids of the findings that carry that risk. */
function judge(command: string, cwd = '/work/proj'): { risk: string; rules: string[] } {
  const r = classifyShell(command, { cwd });
  return { risk: r.risk, rules: [...new Set(r.findings.filter((f) => f.risk === r.risk).map((f) => f.rule))] };
}

test('a workspace under /tmp or a build-named directory is still a workspace', () => {
  const got = ['/tmp/ci/app', '/home/dev/out/app', '/home/dev/logs/app'].flatMap((cwd) =>
    ['rm -rf .', 'rm -rf *', 'rm -rf src', 'rm -rf data', 'rm -rf ../app'].map((c) => [cwd, c, judge(c, cwd).risk]));
  assert.deepEqual(got, ['/tmp/ci/app', '/home/dev/out/app', '/home/dev/logs/app'].flatMap((cwd) =>
    ['rm -rf .', 'rm -rf *', 'rm -rf src', 'rm -rf data', 'rm -rf ../app'].map((c) => [cwd, c, 'destructive'])));
  // Build output below the workspace stays routine wherever the workspace is.
  assert.deepEqual(judge('rm -rf node_modules dist', '/tmp/ci/app'), { risk: 'mutating', rules: ['rm.regenerable'] });
  // "logs" holds data, not build output.
  assert.deepEqual(judge('rm -rf logs', '/home/dev/app'), { risk: 'destructive', rules: ['rm.recursive-precious'] });
});

test('environment variables that hold a command line are classified as that command', () => {
  const cases = [
    "GIT_EXTERNAL_DIFF='rm -rf ~' git diff", "GIT_PAGER='rm -rf ~' git log", "MANPAGER='rm -rf ~' man ls", "PAGER='rm -rf ~' git log",
    "LESSOPEN='|rm -rf ~ %s' less notes.txt", "GIT_SSH_COMMAND='rm -rf ~' git fetch", "GIT_ASKPASS='rm -rf ~' git push", "SSH_ASKPASS='rm -rf ~' ssh h",
    "EDITOR='rm -rf ~' git commit", "VISUAL='rm -rf ~' crontab -e", "GIT_EDITOR='rm -rf ~' git commit", "GIT_SEQUENCE_EDITOR='rm -rf ~' git rebase -i HEAD~2",
    "PROMPT_COMMAND='rm -rf ~' bash -i", "export GIT_PAGER='rm -rf ~'; git log", "declare -x PAGER='rm -rf ~'; git log", "env GIT_PAGER='rm -rf ~' git log",
    "sudo GIT_PAGER='rm -rf ~' git log", "X='rm -rf ~'; GIT_PAGER=$X git log",
  ];
  assert.deepEqual(cases.map((c) => [c, judge(c)]), cases.map((c) => [c, { risk: 'destructive', rules: ['rm.recursive-precious'] }]));
  // A harmless pager stays harmless; one computed at run time cannot be judged.
  assert.deepEqual(judge('GIT_PAGER=cat git log'), { risk: 'readonly', rules: ['readonly.default', 'git.default'] });
  assert.deepEqual(judge('GIT_PAGER="$P" git log'), { risk: 'unknown', rules: ['shell.env-code'] });
});

test('environment variables that load code or shadow programs are unknown', () => {
  const cases = [
    'LD_PRELOAD=/tmp/evil.so ls', 'LD_LIBRARY_PATH=/tmp/lib ls', "NODE_OPTIONS='--require /tmp/e.js' node -v", "PERL5OPT='-Mevil' perl -e 1",
    'PATH=/tmp/evil:$PATH ls', 'export PATH=/tmp/evil:$PATH; ls', 'BASH_ENV=/tmp/e.sh bash run.sh', "PS4='$(touch /tmp/x)' bash -x run.sh",
    'PYTHONSTARTUP=/tmp/e.py python3', 'PYTHONPATH=/tmp/evil python3 -V', "RUBYOPT='-r/tmp/e.rb' ruby -v",
  ];
  assert.deepEqual(cases.map((c) => [c, judge(c)]), cases.map((c) => [c, { risk: 'unknown', rules: ['shell.env-code'] }]));
  assert.deepEqual(judge('NODE_OPTIONS=--max-old-space-size=4096 node -v'), { risk: 'readonly', rules: ['shell.version-or-help'] });
  assert.deepEqual(judge('PATH=/usr/local/bin:$PATH ls'), { risk: 'readonly', rules: ['readonly.default'] });
  assert.deepEqual(judge('PATH=$PATH:/usr/local/go/bin ls'), { risk: 'readonly', rules: ['readonly.default'] });
  assert.deepEqual(judge('doas LD_PRELOAD=/tmp/x.so ls'), { risk: 'unknown', rules: ['shell.env-code'] });
});

test('shell writes to guard files, dotfiles, git hooks or outside the workspace are destructive', () => {
  const cases: [string, string][] = [
    ["echo '{}' > .claude/settings.json", 'shell.redirect-protected'], ['cat > countersign.yaml', 'shell.redirect-protected'],
    ['echo x >> ~/.bashrc', 'shell.redirect-protected'], ['echo x >> $HOME/.profile', 'shell.redirect-protected'],
    ['echo x >> ../../other/file', 'shell.redirect-protected'], ['cd sub && echo x >> ../.git/hooks/pre-commit', 'shell.redirect-protected'],
    ["sed -i 's/deny/allow/' .claude/settings.json", 'sed.protected-path'], ['tee .claude/settings.json', 'tee.protected-path'],
    ['tee -a ~/.bashrc', 'tee.protected-path'], ['cp /tmp/evil .claude/settings.json', 'cp.protected-path'],
    ['cp hook.sh .git/hooks/pre-commit', 'cp.protected-path'], ['mv hook.sh .git/hooks/', 'mv.protected-path'],
    ['install -m 755 hook.sh .git/hooks/pre-push', 'cp.protected-path'], ['cp /dev/null ~/.bashrc', 'cp.protected-path'],
    ['dd if=/dev/zero of=~/.ssh/id_rsa', 'dd.protected-path'], ['ln -sf /dev/null ~/.bashrc', 'ln.protected-path'],
    ['mv ~/.ssh /tmp/x', 'mv.protected-path'], ['cp build.zip /home/dev/elsewhere/build.zip', 'cp.protected-path'],
    ['truncate -s 1M ~/.bashrc', 'truncate.protected-path'], ['jq . new.json | sponge .claude/settings.json', 'create.protected-path'],
    ['touch .git/hooks/pre-commit', 'create.protected-path'],
  ];
  assert.deepEqual(cases.map(([c]) => [c, judge(c)]), cases.map(([c, rule]) => [c, { risk: 'destructive', rules: [rule] }]));
  // The same tools inside the workspace or in scratch space stay routine.
  const routine = ['echo x > out.txt', 'cp a.txt b.txt', 'mv src/a.ts src/b.ts', "sed -i 's/a/b/' src/app.ts", 'tee /tmp/log.txt', 'echo x >> notes.md'];
  assert.deepEqual(routine.map((c) => [c, judge(c).risk]), routine.map((c) => [c, 'mutating']));
});

test('git forms that run a command are judged by that command', () => {
  const cases: [string, string][] = [
    ["git difftool -x 'rm -rf ~' HEAD", 'git.exec-option'], ["git difftool --extcmd='rm -rf ~'", 'git.exec-option'],
    ["git grep -O'rm -rf ~' foo", 'git.exec-option'], ["git rebase -x 'rm -rf ~' main", 'git.exec-option'], ['git bisect run rm -rf ~', 'git.exec-option'],
    ["git -c diff.external='rm -rf ~' diff", 'git.config-command'], ["git -c core.fsmonitor='rm -rf ~' status", 'git.config-command'],
    ["git -c merge.ours.driver='rm -rf ~' merge topic", 'git.config-command'], ["git -c filter.lfs.smudge='rm -rf ~' pull", 'git.config-command'],
    ["git -c credential.helper='!rm -rf ~' fetch", 'git.config-command'], ["git -c diff.pdf.command='rm -rf ~' diff", 'git.config-command'],
    ["git config core.fsmonitor 'rm -rf ~'", 'git.config-sets-command'], ["git config --global alias.st '!rm -rf ~'", 'git.config-sets-command'],
  ];
  assert.deepEqual(cases.map(([c]) => [c, judge(c)]), cases.map(([c, rule]) => [c, { risk: 'destructive', rules: [rule] }]));
  const unknown: [string, string][] = [
    ['git --config-env=core.pager=PAGER_CMD log', 'git.config-command'], ['git config core.hooksPath /tmp/hooks', 'git.config-sets-command'],
    ['git config core.pager less', 'git.config-sets-command'], ['git config set core.sshCommand ./ssh.sh', 'git.config-sets-command'],
  ];
  assert.deepEqual(unknown.map(([c]) => [c, judge(c)]), unknown.map(([c, rule]) => [c, { risk: 'unknown', rules: [rule] }]));
  assert.deepEqual(judge('git config user.email bot@example.com'), { risk: 'mutating', rules: ['git.default'] });
});

test('git options that write files are writes, judged by where they land', () => {
  const cases: [string, string, string][] = [
    ['git log --output=changes.txt', 'mutating', 'git.output-file'], ['git diff --output ~/.bashrc', 'destructive', 'git.output-file'],
    ['git archive -o ~/.profile HEAD', 'destructive', 'git.output-file'], ['git format-patch -o .git/hooks HEAD~1', 'destructive', 'git.output-file'],
    ['git archive -o release.tar HEAD', 'mutating', 'git.output-file'],
  ];
  assert.deepEqual(cases.map(([c]) => [c, judge(c)]), cases.map(([c, risk, rule]) => [c, { risk, rules: [rule] }]));
});

test('readers that run a command are judged by that command', () => {
  const cases: [string, string, string][] = [
    ['fd -e tmp -x rm -rf {}', 'destructive', 'readonly.exec-option'], ["fd . -X sh -c 'rm -rf ~'", 'destructive', 'readonly.exec-option'],
    ["rg --pre='rm -rf ~' foo", 'destructive', 'readonly.exec-option'], ["bat --pager='rm -rf ~' README.md", 'destructive', 'readonly.exec-option'],
    ["fzf --bind 'enter:execute(rm -rf ~)'", 'unknown', 'readonly.exec-option'], ["less '+!rm -rf ~' notes.txt", 'unknown', 'readonly.exec-option'],
    ["dc -e '!rm -rf ~'", 'unknown', 'readonly.exec-option'], ['hash -p /bin/rm ls; ls', 'unknown', 'readonly.rebinds-command'],
    ["sed '1e rm -rf ~' notes.txt", 'destructive', 'sed.execute'], ["sed 's/.*/&/e' cmds.txt", 'unknown', 'sed.execute'],
    // A form no reader spec lists is still not a read.
    ['zgrep --pager=./x.sh foo f.gz', 'unknown', 'readonly.unlisted-option'], ['column --output=f.txt t.txt', 'mutating', 'readonly.unlisted-option'],
  ];
  assert.deepEqual(cases.map(([c]) => [c, judge(c)]), cases.map(([c, risk, rule]) => [c, { risk, rules: [rule] }]));
});

test('readers that write files are writes, judged by where they land', () => {
  const cases: [string, string, string][] = [
    ['uniq in.txt out.txt', 'mutating', 'readonly.output-file'], ['uniq in.txt ~/.bashrc', 'destructive', 'readonly.output-file'],
    ['xxd -r dump.hex out.bin', 'mutating', 'readonly.output-file'], ['tree -o ~/.profile', 'destructive', 'readonly.output-file'],
    ['iconv -f latin1 -t utf-8 -o out.txt in.txt', 'mutating', 'readonly.output-file'], ['info -o ls.txt ls', 'mutating', 'readonly.output-file'],
    ["yq -i '.permissions.allow = [\"*\"]' .claude/settings.json", 'destructive', 'readonly.output-file'], ["yq -i '.a = 1' config.yml", 'mutating', 'readonly.output-file'],
    ["sed 's/a/b/w out.txt' in.txt", 'mutating', 'sed.write-file'], ["sed -n 'W /etc/passwd' in.txt", 'destructive', 'sed.write-file'],
    ['sort -o ~/.bashrc words.txt', 'destructive', 'sort.output-file'], ['dmesg -C', 'mutating', 'readonly.changes-state'], ['ss -K dst 10.0.0.9', 'mutating', 'readonly.changes-state'],
  ];
  assert.deepEqual(cases.map(([c]) => [c, judge(c)]), cases.map(([c, risk, rule]) => [c, { risk, rules: [rule] }]));
  const reads = ['uniq -c in.txt', 'xxd file.bin', 'tree -L 2', "sed 's/w/x/' in.txt", 'rg foo src', 'fd -e ts', 'less +G log.txt', "yq '.a' config.yml"];
  assert.deepEqual(reads.map((c) => [c, judge(c).risk]), reads.map((c) => [c, 'readonly']));
});
