// Tools that run a command later or elsewhere on this machine: at/batch, systemd-run, and
// (system.ts) a crontab fed on stdin. What they will run is classified as if it ran now:
// deferring `rm -rf ~` does not make it safe. (tmux and screen are unwrapped by the walker.)
import type { RiskReport } from '../../core/index.js';
import { carried, defineLocalTable, subInvocation } from './table.js';
import type { Invocation, RuleHit, ToolContext, ToolTable } from './types.js';

function shellHit(r: RiskReport, via: string): RuleHit {
  return carried(r.findings.length > 0 ? r.findings : [{ rule: 'schedule.run', risk: r.risk, effect: 'run-command', explanation: r.summary }], via);
}

const HIDDEN: RuleHit = { risk: 'unknown', effect: 'run-command', explanation: 'schedules commands the classifier cannot see' };

const SYSTEMD_RUN_VALUED = new Set(['-u', '--unit', '-p', '--property', '--on-calendar', '--on-active', '--on-boot', '--on-startup', '--on-unit-active', '--on-unit-inactive', '-E', '--setenv', '--uid', '--gid', '-M', '--machine', '-H', '--host', '--description', '--slice', '--working-directory', '--nice', '--service-type', '--timer-property', '--path-property', '--socket-property']);

function systemdRunHit(inv: Invocation, ctx: ToolContext): RuleHit | null {
  const a = inv.args;
  let i = 0;
  while (i < a.length && (a[i] ?? '').startsWith('-')) {
    if (a[i] === '--') {
      i++;
      break;
    }
    i += SYSTEMD_RUN_VALUED.has(a[i] ?? '') ? 2 : 1;
  }
  const sub = subInvocation(inv, a.slice(i), inv.dynamic.slice(i));
  return sub ? carried(ctx.invocation(sub), 'systemd-run') : null;
}

function atHit(inv: Invocation, ctx: ToolContext): RuleHit | null {
  if (inv.args.some((x) => /^-[a-zA-Z]*[lcr]$/.test(x)) || inv.name === 'atq') return null;
  if (inv.args.includes('-f')) return HIDDEN;
  return inv.stdin !== undefined ? shellHit(ctx.shell(inv.stdin), inv.name) : HIDDEN;
}

export const SCHEDULE_TABLE: ToolTable = defineLocalTable({
  name: 'schedule',
  commands: ['at', 'batch', 'systemd-run'],
  rules: [
    {
      id: 'schedule.deferred-command', risk: 'unknown', effect: 'run-command',
      explain: 'runs a command later or in another session; judged as that command',
      test: (inv, ctx) => {
        return inv.name === 'systemd-run' ? systemdRunHit(inv, ctx) : atHit(inv, ctx);
      },
      examples: {
        match: ['echo "rm -rf ~" | at now + 1 minute', 'systemd-run --on-active=60 rm -rf /srv', 'at midnight -f job.sh', 'echo "git reset --hard" | batch'],
        no_match: ['at -l', 'systemd-run --help'],
      },
    },
  ],
  fallback: (inv) => (inv.args.includes('-l') ? 'readonly' : 'mutating'),
});

// Run-on-many-hosts tools: the command after the options runs on every host named.
const FANOUT_VALUED: Record<string, ReadonlySet<string>> = {
  pssh: new Set(['-h', '--hosts', '-H', '--host', '-l', '--user', '-p', '--par', '-t', '--timeout', '-o', '--outdir', '-e', '--errdir', '-x', '--extra-args', '-X', '--extra-arg', '-O', '--option']),
  pdsh: new Set(['-w', '-x', '-l', '-R', '-f', '-t', '-u', '-g', '-X']),
  clush: new Set(['-w', '-x', '-g', '-X', '-l', '-o', '-t', '-u', '-f', '--hostfile', '--groupsource']),
};
FANOUT_VALUED['parallel-ssh'] = FANOUT_VALUED.pssh ?? new Set();

export const FANOUT_TABLE: ToolTable = defineLocalTable({
  name: 'fanout',
  commands: Object.keys(FANOUT_VALUED),
  rules: [
    {
      id: 'fanout.remote-command', risk: 'unknown', effect: 'run-command',
      explain: 'runs a command on many hosts at once; judged as that command',
      test: (inv, ctx) => {
        const valued = FANOUT_VALUED[inv.name] ?? new Set<string>();
        let i = 0;
        while (i < inv.args.length && (inv.args[i] ?? '').startsWith('-')) i += valued.has(inv.args[i] ?? '') ? 2 : 1;
        const words = inv.args.slice(i);
        return words.length > 0 ? shellHit(ctx.shell(words.join(' ')), `${inv.name} on every host`) : { ...HIDDEN, explanation: `${inv.name} runs commands from stdin on every host` };
      },
      examples: { match: ["pssh -h hosts.txt -i 'systemctl stop nginx'", "pdsh -w web[1-4] 'rm -rf /var/cache/app'", "clush -b -w @db 'uptime'"], no_match: ['pssh --help'] },
    },
  ],
  fallback: 'readonly',
});
