// Proxies and their admin channels: nginx signals, HAProxy (its binary and its runtime API over
// socat), Traefik; and DNS tools (lookups read; nsupdate changes zones).
import { defineTable } from './table.js';
import { rule } from './verbs.js';
import type { Invocation, ToolTable } from './types.js';

export const NGINX: ToolTable = defineTable({
  name: 'nginx',
  commands: ['nginx', 'openresty', 'angie'],
  noShortHelp: true,
  rules: [
    rule('nginx.stop', 'destructive', 'stop-service', 'nginx -s stop|quit: shuts the web server down', (inv) => {
      const i = inv.args.indexOf('-s');
      const sig = i >= 0 ? inv.args[i + 1] : undefined;
      return sig === 'stop' || sig === 'quit' ? { explanation: `nginx -s ${sig}: shuts the web server down; every site it serves goes offline` } : null;
    }, { match: ['nginx -s stop', 'sudo nginx -s quit'], no_match: ['nginx -s reload', 'nginx -t'] }),
    rule('nginx.read', 'readonly', 'read', 'nginx -t/-T/-v/-V: checks the config or prints the version', (inv) =>
      inv.args.length > 0 && inv.args.every((a, i) => ['-t', '-T', '-v', '-V', '-q', '-c', '-p', '-g', '-h', '-?'].includes(a) || ['-c', '-p', '-g'].includes(inv.args[i - 1] ?? '')) && !inv.args.includes('-s'),
    { match: ['nginx -t', 'nginx -T -c /etc/nginx/nginx.conf', 'nginx -V'], no_match: ['nginx', 'nginx -s reload'] }),
  ],
  // Starting or reloading is a routine change.
  fallback: 'mutating',
});

export const HAPROXY: ToolTable = defineTable({
  name: 'haproxy',
  commands: ['haproxy'],
  noShortHelp: true,
  rules: [
    // -st stops the old processes at once, dropping their connections; -sf lets them finish (a reload).
    rule('haproxy.terminate', 'destructive', 'stop-service', 'haproxy -st: kills the running proxy and drops its connections', (inv) => inv.args.includes('-st'),
      { match: ['haproxy -f /etc/haproxy/haproxy.cfg -st 4242'], no_match: ['haproxy -f /etc/haproxy/haproxy.cfg -sf 4242'] }),
    rule('haproxy.read', 'readonly', 'read', 'haproxy -c / -v: checks the config or prints the version', (inv) => inv.args.some((a) => a === '-c' || a === '-v' || a === '-vv') && !inv.args.some((a) => a === '-st' || a === '-sf' || a === '-D'),
      { match: ['haproxy -c -f /etc/haproxy/haproxy.cfg', 'haproxy -vv'], no_match: ['haproxy -f /etc/haproxy/haproxy.cfg -D'] }),
  ],
  fallback: 'mutating',
});

// HAProxy's runtime API (and similar admin sockets) over socat: the commands arrive on stdin.
const ADMIN_DESTROY = /^\s*(disable\s+(server|frontend|backend|health|agent)|shutdown\s+(session|sessions|frontend)|del\s+(server|map|acl|ssl)|clear\s+(map|acl|table|counters\s+all)|set\s+server\s+\S+\s+state\s+(maint|drain)|set\s+weight\s+\S+\s+0\b)/im;
const ADMIN_READ = /^\s*(show|get|help|prompt|quit)\b/i;

function socketOf(inv: Invocation): string | undefined {
  return inv.args.find((a) => /(\.sock|\.socket|stats)$/.test(a) || /^(unix-connect|unix-client|unix):/i.test(a));
}

export const SOCAT: ToolTable = defineTable({
  name: 'socat',
  commands: ['socat'],
  noShortHelp: true,
  rules: [
    rule('socat.admin-destroy', 'destructive', 'stop-service', 'sends a command that disables servers or kills sessions to an admin socket', (inv) => {
      if (socketOf(inv) === undefined || inv.stdin === undefined) return null;
      return ADMIN_DESTROY.test(inv.stdin) ? { target: socketOf(inv) ?? '', explanation: `socat to ${socketOf(inv)}: "${inv.stdin.trim().slice(0, 60)}" takes servers or sessions out` } : null;
    }, { match: ['echo "disable server web/app1" | socat stdio /run/haproxy/admin.sock', "echo 'shutdown sessions server web/app1' | socat stdio unix-connect:/run/haproxy.sock"], no_match: ['echo "show servers state" | socat stdio /run/haproxy/admin.sock', 'echo "enable server web/app1" | socat stdio /run/haproxy/admin.sock'] }),
    rule('socat.admin-read', 'readonly', 'read', 'sends only show/get commands to an admin socket', (inv) => {
      if (socketOf(inv) === undefined || inv.stdin === undefined) return null;
      const lines = inv.stdin.split(/[\n;]/).map((l) => l.trim()).filter(Boolean);
      return lines.length > 0 && lines.every((l) => ADMIN_READ.test(l));
    }, { match: ['echo "show stat" | socat stdio /run/haproxy/admin.sock', "echo 'show info' | socat - unix-connect:/var/run/haproxy.sock"], no_match: ['echo "set weight web/app1 50" | socat stdio /run/haproxy/admin.sock'] }),
    rule('socat.admin-unseen', 'unknown', 'admin-command', 'talks to an admin socket with commands the classifier cannot see', (inv) => (socketOf(inv) !== undefined && inv.stdin === undefined ? { target: socketOf(inv) ?? '' } : null),
      { match: ['socat readline /run/haproxy/admin.sock', 'socat stdio /run/haproxy/admin.sock < maint.txt'], no_match: ['echo "show info" | socat stdio /run/haproxy/admin.sock', 'socat TCP-LISTEN:8080,fork TCP:127.0.0.1:80'] }),
  ],
  // A relay whose traffic we cannot see: it carries whatever flows through it.
  fallback: 'mutating',
});

export const TRAEFIK: ToolTable = defineTable({
  name: 'traefik',
  commands: ['traefik'],
  rules: [
    rule('traefik.read', 'readonly', 'read', 'traefik version / healthcheck only read', (inv) => ['version', 'healthcheck'].includes(inv.args[0] ?? ''),
      { match: ['traefik version', 'traefik healthcheck --ping'], no_match: ['traefik --configFile=traefik.yml'] }),
  ],
  fallback: 'mutating',
});

export const DNS_LOOKUP: ToolTable = defineTable({
  name: 'dns-lookup',
  // dig, host, nslookup and whois sit in the local readonly table. Zone transfers (dig axfr) read
  // too; whether a server should allow them is its own policy.
  commands: ['drill', 'delv', 'kdig', 'doggo'],
  rules: [],
  noShortHelp: true,
  fallback: 'readonly',
});

// nsupdate reads its update commands from stdin or a file.
const NS_DELETE = /^\s*(update\s+)?(delete|del)\b/im;
export const NSUPDATE: ToolTable = defineTable({
  name: 'nsupdate',
  commands: ['nsupdate', 'knsupdate'],
  noShortHelp: true,
  rules: [
    rule('nsupdate.delete', 'destructive', 'delete-dns', 'deletes DNS records; names that resolved stop resolving', (inv) => inv.stdin !== undefined && NS_DELETE.test(inv.stdin),
      { match: ["printf 'update delete www.example.org A\\nsend\\n' | nsupdate -k key.conf", "echo 'del old.example.org' | nsupdate"], no_match: ["printf 'update add www.example.org 300 A 192.0.2.7\\nsend\\n' | nsupdate"] }),
    rule('nsupdate.unseen', 'unknown', 'change-dns', 'the DNS updates come from a file or terminal the classifier cannot see', (inv) => inv.stdin === undefined,
      { match: ['nsupdate -l', 'nsupdate -k key.conf changes.txt'], no_match: ["echo 'update add a.example.org 60 A 192.0.2.1' | nsupdate"] }),
  ],
  fallback: 'mutating',
});

export const OPS_TABLES: ToolTable[] = [NGINX, HAPROXY, SOCAT, TRAEFIK, DNS_LOOKUP, NSUPDATE];
