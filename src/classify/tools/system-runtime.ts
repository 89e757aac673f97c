// The running system: processes, firewall and routes, mounts, kernel settings, logs.
import { defineLocalTable } from './table.js';
import type { Invocation, ToolTable } from './types.js';

// Processes whose death takes a machine or a shared service out, not just one job of the agent's.
const CRITICAL = /^(init|systemd|sshd|dockerd|containerd|kubelet|postgres|postmaster|mysqld|mariadbd|mongod|redis-server|nginx|httpd|apache2|haproxy|etcd|kube-apiserver|java|node_exporter|cron|crond|rsyslogd|journald|systemd-journald)$/;

// `kill [-s SIG | -n NUM | -SIG] [--] pid...`: after the signal every word is a pid, "-1" included.
function killTargets(inv: Invocation): string[] {
  const a = inv.args;
  let i = 0;
  if (a[0] === '-s' || a[0] === '-n' || a[0] === '--signal') i = 2;
  else if (a[0] !== undefined && a[0] !== '--' && a[0].startsWith('-') && a.length > 1) i = 1;
  if (a[i] === '--') i++;
  return a.slice(i);
}

export const KILL_TABLE: ToolTable = defineLocalTable({
  name: 'kill',
  commands: ['kill', 'pkill', 'killall', 'killall5', 'skill', 'slay'],
  rules: [
    {
      id: 'kill.everything', risk: 'destructive', effect: 'kill-processes',
      explain: 'signals every process the user may signal (pid -1), or every process of the system',
      test: (inv) => {
        if (inv.name === 'killall5') return { target: 'all processes' };
        if (inv.name === 'kill') {
          const t = killTargets(inv);
          return t.includes('-1') || t.includes('1') ? { target: t.includes('1') ? 'init (pid 1)' : 'all processes (-1)' } : null;
        }
        if (inv.args.some((a) => a === '-u' || a === '--euid' || a === '-U' || a === '--uid' || /^-[a-z]*u$/.test(a))) return { target: 'every process of a user' };
        // A pattern that matches every command line ("pkill -f .") is every process.
        const pats = inv.args.filter((a) => !a.startsWith('-'));
        return pats.some((p) => /^(\.|\.\*|\^|\.\+|)$/.test(p)) ? { target: 'every process' } : null;
      },
      examples: { match: ['kill -9 -1', 'kill -KILL -1', 'kill -- -1', 'pkill -u www-data', 'kill 1', 'pkill -9 -f .'], no_match: ['kill 12345', 'kill -9 4242', 'kill -l'] },
    },
    {
      id: 'kill.critical-service', risk: 'destructive', effect: 'stop-service',
      explain: 'kills a system or database service process',
      test: (inv) => {
        if (inv.name === 'kill') {
          // `kill $(pgrep postgres)`, `kill $(cat /run/nginx.pid)`: the pid source names the service.
          const src = inv.args.filter((a, i) => inv.dynamic[i]).join(' ');
          const svc = /(?:pgrep|pidof)\s+(?:-\S+\s+)*([\w.-]+)|\/([\w.-]+?)\.pid\b/.exec(src);
          const name = svc?.[1] ?? svc?.[2];
          return name !== undefined && CRITICAL.test(name) ? { target: name } : null;
        }
        const names = inv.args.filter((a) => !a.startsWith('-'));
        const hit = names.find((n) => CRITICAL.test(n));
        return hit ? { target: hit } : null;
      },
      examples: { match: ['pkill postgres', 'killall -9 nginx', 'sudo pkill -f dockerd', 'kill -9 $(pgrep postgres)', 'kill $(cat /run/nginx.pid)'], no_match: ['pkill -f "vite dev"', 'killall node', 'kill $(pgrep -f vite)'] },
    },
  ],
  fallback: (inv) => (inv.args.includes('-l') || inv.args.includes('-L') || inv.args.includes('--list') || inv.args.includes('-0') ? 'readonly' : inv.args.length === 0 ? 'readonly' : 'mutating'),
});

export const FIREWALL_TABLE: ToolTable = defineLocalTable({
  name: 'firewall',
  commands: ['iptables', 'ip6tables', 'iptables-legacy', 'iptables-nft', 'nft', 'ufw', 'firewall-cmd'],
  rules: [
    {
      id: 'firewall.flush', risk: 'destructive', effect: 'flush-firewall',
      explain: 'flushes the firewall rules or sets a default that drops all traffic',
      test: (inv) => {
        const a = inv.args;
        if (inv.name === 'nft') return a[0] === 'flush' || (a[0] === 'delete' && a[1] === 'table') ? { target: a.slice(1).join(' ') } : null;
        if (inv.name === 'ufw') return a.includes('reset') || a.includes('disable') ? { target: 'ufw' } : null;
        if (inv.name === 'firewall-cmd') return a.some((x) => x === '--panic-on' || x.startsWith('--remove-service') || x.startsWith('--remove-port')) ? { target: 'firewalld' } : null;
        const flush = a.some((x) => x === '-F' || x === '--flush' || x === '-X' || x === '--delete-chain');
        const policy = a.findIndex((x) => x === '-P' || x === '--policy');
        if (flush) return { target: inv.name };
        if (policy >= 0 && /^(DROP|REJECT)$/i.test(a[policy + 2] ?? '')) return { target: `${a[policy + 1] ?? ''} policy`, explanation: `default ${a[policy + 1] ?? ''} policy set to drop: cuts off traffic` };
        return null;
      },
      examples: { match: ['iptables -F', 'iptables -t nat --flush', 'iptables -P INPUT DROP', 'nft flush ruleset', 'ufw reset'], no_match: ['iptables -L -n', 'iptables -A INPUT -p tcp --dport 22 -j ACCEPT', 'ufw status'] },
    },
  ],
  fallback: (inv) => (inv.args.some((x) => /^(-L|--list|-S|--list-rules|status|list|--list-all|--state|--get-.*)$/.test(x)) ? 'readonly' : 'mutating'),
});

export const NETWORK_TABLE: ToolTable = defineLocalTable({
  name: 'network',
  commands: ['ip', 'ifconfig', 'ifdown', 'route', 'nmcli'],
  rules: [
    {
      id: 'network.down', risk: 'destructive', effect: 'cut-network',
      explain: 'flushes routes or addresses, or takes an interface down, cutting the machine off',
      test: (inv) => {
        const a = inv.args.filter((x) => !x.startsWith('-'));
        if (inv.name === 'ifdown') return { target: a.join(' ') || 'interfaces' };
        if (inv.name === 'ifconfig') return a.includes('down') ? { target: a[0] ?? '' } : null;
        if (inv.name === 'nmcli') return (a[0] === 'networking' && a[1] === 'off') || (/^(con|connection|dev|device)/.test(a[0] ?? '') && /^(down|delete|disconnect)$/.test(a[1] ?? '')) ? { target: a.slice(2).join(' ') || 'network' } : null;
        if (inv.name === 'route') return a[0] === 'del' || a[0] === 'flush' ? { target: a.slice(1).join(' ') } : null;
        if (a.includes('flush')) return { target: a.join(' ') };
        if (/^(link|l)$/.test(a[0] ?? '') && (a.includes('down') || a[1] === 'delete' || a[1] === 'del')) return { target: a.slice(2).join(' ') };
        if (/^(route|r|addr|address|a)$/.test(a[0] ?? '') && /^(del|delete)$/.test(a[1] ?? '') && a.includes('default')) return { target: 'default route' };
        return null;
      },
      examples: { match: ['ip route flush table main', 'ip addr flush dev eth0', 'ip link set eth0 down', 'ifconfig eth0 down', 'ifdown eth0'], no_match: ['ip addr show', 'ip route', 'ifconfig -a', 'ip link set eth0 up'] },
    },
  ],
  fallback: (inv) => {
    const a = inv.args.filter((x) => !x.startsWith('-'));
    if (inv.name === 'ifconfig') return a.length <= 1 ? 'readonly' : 'mutating';
    if (inv.name === 'route') return a.length === 0 ? 'readonly' : 'mutating';
    return a.length <= 1 || /^(show|list|ls|get|status)$/.test(a[1] ?? '') ? 'readonly' : 'mutating';
  },
});

export const MOUNT_TABLE: ToolTable = defineLocalTable({
  name: 'mount',
  commands: ['mount', 'umount', 'swapoff', 'swapon', 'sysctl', 'chattr', 'modprobe', 'rmmod', 'insmod', 'journalctl', 'timedatectl', 'hostnamectl', 'setenforce'],
  rules: [
    {
      id: 'mount.force-unmount', risk: 'destructive', effect: 'unmount',
      explain: 'force-unmounts (or unmounts every) file system under running programs',
      test: (inv) => inv.name === 'umount' && inv.args.some((a) => /^-[a-zA-Z]*[afl]/.test(a) && !a.startsWith('--') || a === '--all' || a === '--force' || a === '--lazy') ? { target: inv.args.filter((a) => !a.startsWith('-')).join(' ') || 'all' } : null,
      examples: { match: ['umount -f /mnt/data', 'umount -a', 'umount -l /srv'], no_match: ['umount /mnt/usb', 'mount'] },
    },
    {
      id: 'mount.journal-vacuum', risk: 'destructive', effect: 'delete-logs',
      explain: 'deletes archived system logs',
      test: (inv) => inv.name === 'journalctl' && inv.args.some((a) => a.startsWith('--vacuum')) ? { target: 'journal' } : null,
      examples: { match: ['journalctl --vacuum-time=1s'], no_match: ['journalctl -u nginx --since today'] },
    },
  ],
  fallback: (inv) => {
    const a = inv.args;
    switch (inv.name) {
      case 'mount': return a.filter((x) => !x.startsWith('-')).length === 0 ? 'readonly' : 'mutating';
      case 'sysctl': return a.some((x) => x === '-w' || x === '--write' || x === '-p' || x === '--load' || x.includes('=')) ? 'mutating' : 'readonly';
      case 'journalctl': return a.some((x) => x === '--rotate' || x === '--flush') ? 'mutating' : 'readonly';
      case 'timedatectl': case 'hostnamectl': return a.some((x) => x.startsWith('set-')) ? 'mutating' : 'readonly';
      case 'swapon': return a.length === 0 || a.includes('--show') || a.includes('-s') ? 'readonly' : 'mutating';
      default: return a.length === 0 ? 'readonly' : 'mutating';
    }
  },
});
