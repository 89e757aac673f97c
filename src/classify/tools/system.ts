// Services and the machine itself: systemd/service, power state, cron, users.
// Stopping, disabling or masking a service takes it out (destructive); restarting or starting one
// is routine (mutating); status and listings read.
import { defineLocalTable } from './table.js';
import type { Invocation, RuleHit, ToolTable } from './types.js';

const SVC_OUT = new Set(['stop', 'disable', 'mask', 'kill', 'poweroff', 'reboot', 'halt', 'kexec', 'emergency', 'rescue', 'isolate', 'suspend', 'hibernate', 'hybrid-sleep', 'soft-reboot', 'force-reload-stop']);
const SVC_READ = new Set(['status', 'show', 'cat', 'list-units', 'list-unit-files', 'list-timers', 'list-sockets', 'list-dependencies', 'list-jobs', 'list-machines', 'list-automounts', 'list-paths', 'is-active', 'is-enabled', 'is-failed', 'is-system-running', 'get-default', 'show-environment', 'help', 'verify', '']);

const SYSTEMCTL_VALUED = new Set(['-H', '--host', '-M', '--machine', '-t', '--type', '-p', '--property', '--state', '-s', '--signal', '--kill-whom', '-n', '--lines', '-o', '--output', '--root', '--job-mode', '--what', '--timestamp', '--when', '--message']);

function systemctlVerb(inv: Invocation): { verb: string; units: string[] } {
  const pos: string[] = [];
  for (let i = 0; i < inv.args.length; i++) {
    const a = inv.args[i] ?? '';
    if (SYSTEMCTL_VALUED.has(a)) i++;
    else if (!a.startsWith('-')) pos.push(a);
  }
  return { verb: pos[0] ?? '', units: pos.slice(1) };
}

export const SYSTEMCTL_TABLE: ToolTable = defineLocalTable({
  name: 'systemctl',
  commands: ['systemctl'],
  rules: [
    {
      id: 'systemctl.take-out', risk: 'destructive', effect: 'stop-service',
      explain: 'stops, disables or masks a service (or powers the machine off), taking it out of service',
      test: (inv) => {
        const { verb, units } = systemctlVerb(inv);
        if (!SVC_OUT.has(verb)) return null;
        if (verb === 'disable' && !inv.args.includes('--now')) return { target: units.join(' '), explanation: `systemctl disable ${units.join(' ')}: the service will not come back after a reboot` };
        return { target: units.join(' ') || verb, explanation: `systemctl ${verb} ${units.join(' ')}`.trim() };
      },
      examples: { match: ['systemctl stop nginx', 'sudo systemctl disable --now postgresql', 'systemctl mask docker.socket', 'systemctl reboot'], no_match: ['systemctl status nginx', 'systemctl restart nginx', 'systemctl list-units --type=service'] },
    },
  ],
  fallback: (inv) => (SVC_READ.has(systemctlVerb(inv).verb) ? 'readonly' : 'mutating'),
});

// `service NAME ACTION`
export const SERVICE_TABLE: ToolTable = defineLocalTable({
  name: 'service',
  commands: ['service', 'rc-service', 'invoke-rc.d'],
  rules: [
    {
      id: 'service.stop', risk: 'destructive', effect: 'stop-service',
      explain: 'stops a service',
      test: (inv) => {
        const pos = inv.args.filter((a) => !a.startsWith('-'));
        return pos.length >= 2 && /^(stop|disable|zap|force-stop)$/.test(pos[1] ?? '') ? { target: pos[0] ?? '' } : null;
      },
      examples: { match: ['service mysql stop', 'sudo service nginx stop'], no_match: ['service nginx status', 'service nginx restart', 'service --status-all'] },
    },
  ],
  fallback: (inv) => {
    const pos = inv.args.filter((a) => !a.startsWith('-'));
    return pos.length < 2 || /^(status|describe)$/.test(pos[1] ?? '') ? 'readonly' : 'mutating';
  },
});

export const POWER_TABLE: ToolTable = defineLocalTable({
  name: 'power',
  commands: ['shutdown', 'reboot', 'halt', 'poweroff', 'init', 'telinit'],
  rules: [
    {
      id: 'power.off', risk: 'destructive', effect: 'stop-machine',
      explain: 'shuts down or restarts the machine, taking every service on it out',
      test: (inv): RuleHit | null => {
        if (inv.name === 'init' || inv.name === 'telinit') {
          const lvl = inv.args.find((a) => !a.startsWith('-'));
          return lvl !== undefined && /^[0126sS]$/.test(lvl) ? { target: `runlevel ${lvl}` } : null;
        }
        if (inv.args.some((a) => a === '-c' || a === '--show' || a === '-k')) return null;
        return { target: 'this machine' };
      },
      examples: { match: ['shutdown -h now', 'sudo reboot', 'init 0', 'poweroff -f'], no_match: ['shutdown -c', 'init q'] },
    },
  ],
  fallback: (inv) => (inv.args.includes('-k') || inv.args.includes('--show') ? 'readonly' : 'mutating'),
});

export const CRONTAB_TABLE: ToolTable = defineLocalTable({
  name: 'crontab',
  commands: ['crontab'],
  rules: [
    {
      id: 'crontab.remove', risk: 'destructive', effect: 'delete-schedule',
      explain: 'crontab -r deletes every scheduled job of the user without asking',
      test: (inv) => inv.args.some((a) => (/^-[a-zA-Z]*r/.test(a) && !a.startsWith('--')) || a === '/dev/null') ? { target: 'crontab' } : null,
      examples: { match: ['crontab -r', 'crontab -u deploy -r', 'crontab -ir', 'crontab /dev/null'], no_match: ['crontab -l', 'crontab -e'] },
    },
    {
      // `... | crontab -` replaces the table with lines we can read: judge the jobs they schedule.
      id: 'crontab.install-jobs', risk: 'mutating', effect: 'schedule-command',
      explain: 'installs cron jobs; judged by the commands they will run',
      test: (inv, ctx) => {
        const file = inv.args.find((a) => !a.startsWith('-') || a === '-');
        if (file !== '-' || inv.stdin === undefined) return null;
        const jobs = inv.stdin.split('\n').map((l) => l.trim()).filter((l) => l !== '' && !l.startsWith('#') && !/^[A-Z_]+=/.test(l));
        const cmds = jobs.map((l) => (l.startsWith('@') ? l.replace(/^@\S+\s+/, '') : l.split(/\s+/).slice(5).join(' ')));
        let worst: RuleHit = { risk: 'mutating', explanation: 'installs cron jobs' };
        const rank = { readonly: 0, mutating: 1, unknown: 2, destructive: 3 } as const;
        for (const c of cmds) {
          const r = ctx.shell(c);
          if (rank[r.risk] > rank[worst.risk ?? 'mutating']) worst = { risk: r.risk, target: c, explanation: `schedules a cron job that ${r.summary}` };
        }
        return worst;
      },
      examples: { match: ['echo "0 3 * * * rm -rf ~/backups" | crontab -', 'echo "@daily /usr/local/bin/report" | crontab -'], no_match: ['crontab -l'] },
    },
  ],
  fallback: (inv) => (inv.args.includes('-l') ? 'readonly' : 'mutating'),
});

export const USERS_TABLE: ToolTable = defineLocalTable({
  name: 'users',
  commands: ['userdel', 'deluser', 'groupdel', 'delgroup', 'useradd', 'adduser', 'usermod', 'groupadd', 'groupmod', 'passwd', 'chpasswd', 'gpasswd'],
  rules: [
    {
      id: 'users.delete', risk: 'destructive', effect: 'delete-account',
      explain: 'deletes a user or group account (userdel -r also deletes the home directory)',
      test: (inv) => (/^(userdel|deluser|groupdel|delgroup)$/.test(inv.name) ? { target: inv.args.filter((a) => !a.startsWith('-')).join(' ') } : inv.name === 'passwd' && inv.args.some((a) => a === '-d' || a === '--delete') ? { target: inv.args.filter((a) => !a.startsWith('-')).join(' '), explanation: 'removes the password of an account' } : null),
      examples: { match: ['userdel -r alice', 'sudo deluser bob', 'groupdel devs'], no_match: ['useradd -m carol', 'passwd -S root'] },
    },
  ],
  fallback: (inv) => (inv.name === 'passwd' && inv.args.some((a) => a === '-S' || a === '--status') ? 'readonly' : 'mutating'),
});
