// Configuration management run against fleets: Ansible ad-hoc commands and playbooks, Salt,
// Chef's knife. An ad-hoc shell module carries a script (judged by the shell walker); a module
// asked for `state=absent` removes what it names on every targeted host.
import { parseArgs, has, val } from './argv.js';
import { carryWords } from './carry.js';
import { defineTable } from './table.js';
import { rule, verbTable, DELETE_WORDS, READ_WORDS } from './verbs.js';
import type { Invocation, ToolTable } from './types.js';

const ANSIBLE_VALUED = ['-m', '--module-name', '-a', '--args', '-i', '--inventory', '-u', '--user', '-l', '--limit', '-f', '--forks', '-e', '--extra-vars', '-t', '--tags', '--become-user', '-T', '--timeout', '-M', '--module-path', '--private-key', '--vault-password-file', '-c', '--connection', '--skip-tags', '--start-at-task'];
const SHELL_MODULES = new Set(['command', 'shell', 'raw', 'ansible.builtin.command', 'ansible.builtin.shell', 'ansible.builtin.raw']);
const READ_MODULES = new Set(['ping', 'setup', 'gather_facts', 'debug', 'stat', 'slurp', 'find', 'ansible.builtin.ping', 'ansible.builtin.setup', 'ansible.builtin.stat', 'service_facts', 'package_facts']);
// Removing a package is a routine change; removing files, users, databases or resources is not.
const PACKAGE_MODULES = /^(ansible\.builtin\.)?(apt|yum|dnf|package|pip|npm|gem|apk|homebrew|pacman|zypper|snap)$/;
const STOPPED = /\bstate=(stopped|absent)\b|\benabled=(no|false)\b/;

const ansible = (inv: Invocation) => {
  const p = parseArgs(inv.args, { valued: ANSIBLE_VALUED });
  return { p, module: val(p, '-m', '--module-name') ?? 'command', margs: val(p, '-a', '--args') ?? '' };
};

export const ANSIBLE: ToolTable = defineTable({
  name: 'ansible',
  commands: ['ansible'],
  rules: [
    rule('ansible.shell', 'unknown', 'run-remote', 'runs a command on every targeted host; the command decides', (inv, ctx) => {
      const a = ansible(inv);
      if (!SHELL_MODULES.has(a.module) || has(a.p, '-C', '--check')) return null;
      if (a.margs === '') return { explanation: `ansible -m ${a.module}: no command given` };
      return carryWords(inv, ctx, [a.margs], `ansible ${a.p.pos[0] ?? ''} -m ${a.module}`);
    }, { match: ["ansible web -m shell -a 'rm -rf /var/cache/app'", "ansible all -a 'uptime'"], no_match: ['ansible all -m ping'] }),
    rule('ansible.absent', 'destructive', 'delete-resource', 'a module asked for state=absent (or a stopped service) on every targeted host', (inv) => {
      const a = ansible(inv);
      if (SHELL_MODULES.has(a.module) || PACKAGE_MODULES.test(a.module) || has(a.p, '-C', '--check') || !STOPPED.test(a.margs)) return null;
      return { target: a.margs, explanation: `ansible -m ${a.module} -a '${a.margs}': removes or stops it on every host in ${a.p.pos[0] ?? 'the pattern'}` };
    }, { match: ["ansible db -m file -a 'path=/srv/data state=absent' -b", "ansible web -m service -a 'name=nginx state=stopped'"], no_match: ["ansible web -m apt -a 'name=vim state=absent'", "ansible web -m file -a 'path=/srv/data state=absent' --check"] }),
    rule('ansible.read', 'readonly', 'read', 'gathers facts, pings, or runs in check mode', (inv) => {
      const a = ansible(inv);
      return READ_MODULES.has(a.module) || has(a.p, '-C', '--check', '--list-hosts');
    }, { match: ['ansible all -m ping', 'ansible web -m setup -a filter=ansible_distribution*'], no_match: ["ansible web -m copy -a 'src=a dest=/etc/a'"] }),
  ],
  fallback: 'mutating',
});

export const ANSIBLE_PLAYBOOK: ToolTable = defineTable({
  name: 'ansible-playbook',
  commands: ['ansible-playbook'],
  rules: [
    rule('ansible-playbook.read', 'readonly', 'read', 'checks, lists or validates without changing hosts', (inv) =>
      inv.args.some((a) => ['-C', '--check', '--syntax-check', '--list-tasks', '--list-hosts', '--list-tags'].includes(a)),
    { match: ['ansible-playbook site.yml --check --diff', 'ansible-playbook site.yml --syntax-check'], no_match: ['ansible-playbook -i prod site.yml'] }),
  ],
  // A playbook applies declared configuration, like `kubectl apply -f`: a routine change.
  fallback: 'mutating',
});

const SALT_VALUED = ['-G', '-L', '-E', '-C', '-N', '--grain', '--list', '--pcre', '--compound', '--nodegroup', '-t', '--timeout', '--out', '-c', '--config-dir', '--return', '-b', '--batch-size'];
const SALT_READ = /^(test\.|grains\.|pillar\.(get|items|item|raw)$|sys\.doc$|.*\.(list\w*|get\w*|status|info|show\w*|usage|version)$|state\.(show_\w+|test)$|disk\.usage$|network\.)/;
const SALT_DESTROY = /^(file\.(remove|rmdir|delete\w*)|service\.(stop|disable|dead)|user\.delete|group\.delete|system\.(poweroff|halt|shutdown)|mysql\.db_remove|postgres\.db_remove|docker\.(rm|stop|kill)\w*|cron\.rm\w*|lvm\.lvremove|disk\.wipe|partition\.rm)$/;

export const SALT: ToolTable = defineTable({
  name: 'salt',
  commands: ['salt', 'salt-ssh', 'salt-call'],
  rules: [
    rule('salt.function', 'destructive', 'delete-resource', 'runs an execution-module function on the targeted minions', (inv, ctx) => {
      const p = parseArgs(inv.args, { valued: SALT_VALUED });
      const [fn, ...fargs] = inv.name === 'salt-call' ? p.pos : p.pos.slice(1);
      if (fn === undefined) return null;
      if (fn.length > 200) return { risk: 'unknown', effect: 'run-remote', explanation: 'salt: the function name is too long to be real' };
      const where = inv.name === 'salt-call' ? 'this minion' : `minions ${p.pos[0] ?? ''}`;
      if (/^cmd\.(run|shell|run_all|run_stdout|exec_code)$/.test(fn)) return carryWords(inv, ctx, [fargs.join(' ')], `salt ${fn} on ${where}`);
      if (/^cmd\.script$/.test(fn)) return { risk: 'unknown', effect: 'run-remote', explanation: `salt ${fn}: runs a script the classifier cannot see on ${where}` };
      if (SALT_DESTROY.test(fn)) return { target: fargs.join(' '), explanation: `salt ${fn} ${fargs.join(' ')}: removes or stops it on ${where}` };
      if (SALT_READ.test(fn) || fargs.some((a) => /^test=(true|True)$/.test(a))) return { risk: 'readonly', effect: 'read', explanation: `salt ${fn}: only reads` };
      return { risk: 'mutating', effect: 'change', explanation: `salt ${fn}: changes the minions` };
    }, { match: ["salt 'web*' cmd.run 'systemctl restart nginx'", "salt '*' file.remove /srv/data", "salt '*' test.ping"], no_match: ['salt --version'] }),
  ],
  fallback: 'mutating',
});

export const SALT_KEY: ToolTable = defineTable({
  name: 'salt-key',
  commands: ['salt-key'],
  rules: [
    rule('salt-key.delete', 'destructive', 'delete-key', 'salt-key -d/-D deletes minion keys; those minions drop out of management', (inv) => inv.args.some((a) => /^-[a-zA-Z]*[dD]/.test(a) || a === '--delete' || a === '--delete-all'),
      { match: ['salt-key -D -y', 'salt-key -d web-1'], no_match: ['salt-key -L'] }),
    rule('salt-key.read', 'readonly', 'read', 'lists or prints keys', (inv) => inv.args.length === 0 || inv.args.some((a) => ['-L', '--list-all', '-l', '--list', '-p', '--print', '-P', '--print-all', '-F', '--finger-all', '-f', '--finger'].includes(a)),
      { match: ['salt-key -L'], no_match: ['salt-key -A -y'] }),
  ],
  fallback: 'mutating',
});

export const KNIFE: ToolTable = verbTable({
  name: 'knife',
  commands: ['knife'],
  valued: ['-c', '--config', '-E', '--environment', '-s', '--server-url', '-u', '--user', '-k', '--key', '-F', '--format', '-x', '--ssh-user', '-a', '--attribute'],
  depth: 3,
  destroy: [...DELETE_WORDS, 'bulk'],
  read: [...READ_WORDS, 'show', 'list', 'search', 'status'],
  change: ['create', 'edit', 'upload', 'bootstrap', 'from', 'ssh', 'exec', 'run_list', 'add', 'set', 'download'],
  extra: [
    rule('knife.ssh', 'unknown', 'run-remote', 'knife ssh QUERY CMD runs the command on every matching node', (inv, ctx) => {
      const p = parseArgs(inv.args, { valued: ['-x', '--ssh-user', '-a', '--attribute', '-i', '--ssh-identity-file', '-C', '--concurrency', '-m', '-p', '--ssh-port'] });
      if (p.pos[0] !== 'ssh' || p.pos.length < 3) return null;
      return carryWords(inv, ctx, [p.pos[2] ?? ''], `knife ssh ${p.pos[1] ?? ''}`);
    }, { match: ["knife ssh 'role:web' 'sudo systemctl stop nginx'"], no_match: ['knife node list'] }),
  ],
  examples: {
    destroy: { match: ['knife node delete web-1 -y', 'knife client delete web-1 -y', 'knife data bag delete secrets -y'], no_match: ['knife node show web-1', 'knife cookbook upload nginx'] },
    read: { match: ['knife node list', 'knife search node "role:web"', 'knife status'], no_match: ['knife cookbook delete nginx 1.0.0', 'knife node run_list add web-1 "role[web]"'] },
  },
});

export const CONFIG_MGMT_TABLES: ToolTable[] = [ANSIBLE, ANSIBLE_PLAYBOOK, SALT, SALT_KEY, KNIFE];
