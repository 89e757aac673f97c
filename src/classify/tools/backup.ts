// Backup and remote-storage tools: rclone, restic, borg, velero. Deleting snapshots, archives or
// remote files loses the very copies a recovery would need, so those verbs are destructive; a
// dry run reads; making a backup or copying adds data (mutating).
import { defineLocalTable } from './table.js';
import type { Invocation, RuleHit, ToolTable } from './types.js';

const DRY = /^(-n|--dry-run|--dry_run)$/;
const isDry = (inv: Invocation) => inv.args.some((a) => DRY.test(a) || (/^-[a-zA-Z]+$/.test(a) && a.includes('n') && inv.name === 'borg'));

/** Positional words, skipping values of the options listed. */
function words(inv: Invocation, valued: ReadonlySet<string>): string[] {
  const out: string[] = [];
  for (let i = 0; i < inv.args.length; i++) {
    const a = inv.args[i] ?? '';
    if (valued.has(a)) i++;
    else if (!a.startsWith('-')) out.push(a);
  }
  return out;
}

const RCLONE_VALUED = new Set(['--config', '--exclude', '--include', '--filter', '--min-age', '--max-age', '--transfers', '--checkers', '--bwlimit', '--log-file', '--log-level', '--backup-dir', '--suffix', '--max-delete', '--filter-from', '--exclude-from', '--include-from', '--files-from', '-c']);
const RCLONE_DESTROY = /^(purge|delete|deletefile|rmdir|rmdirs|cleanup|dedupe|move|moveto|sync|bisync)$/;
const RCLONE_READ = /^(ls|lsd|lsl|lsf|lsjson|size|check|cryptcheck|cat|about|md5sum|sha1sum|hashsum|version|listremotes|tree|ncdu|config|help|authorize|obscure|rcat-size|checksum|backend|link|)$/;

export const RCLONE_TABLE: ToolTable = defineLocalTable({
  name: 'rclone',
  commands: ['rclone'],
  rules: [
    {
      id: 'rclone.delete', risk: 'destructive', effect: 'delete-remote-files',
      explain: 'deletes files in remote storage (sync deletes destination files missing from the source; move deletes the source)',
      test: (inv): RuleHit | null => {
        const w = words(inv, RCLONE_VALUED);
        const verb = w[0] ?? '';
        if (!RCLONE_DESTROY.test(verb) || isDry(inv) || inv.args.includes('--interactive') || inv.args.includes('-i')) return null;
        const target = verb === 'move' || verb === 'moveto' ? (w[1] ?? '') : (w[w.length - 1] ?? '');
        return { target, explanation: `rclone ${verb} ${verb === 'move' || verb === 'moveto' ? 'removes the source files' : 'deletes files at'} ${target}` };
      },
      examples: { match: ['rclone purge remote:bucket/old', 'rclone sync ./site s3:www', 'rclone delete remote:logs --min-age 30d', 'rclone move ./out gdrive:archive'], no_match: ['rclone sync ./site s3:www --dry-run', 'rclone copy ./site s3:www', 'rclone ls remote:'] },
    },
  ],
  fallback: (inv) => (isDry(inv) || RCLONE_READ.test(words(inv, RCLONE_VALUED)[0] ?? '') ? 'readonly' : 'mutating'),
});

const RESTIC_VALUED = new Set(['-r', '--repo', '--repository-file', '-p', '--password-file', '--password-command', '--cache-dir', '--host', '--tag', '--path', '--keep-last', '--keep-hourly', '--keep-daily', '--keep-weekly', '--keep-monthly', '--keep-yearly', '--keep-within', '--keep-tag', '--max-unused', '--target', '-t', '--exclude', '--include', '-o', '--option', '--limit-upload', '--limit-download']);
const RESTIC_READ = /^(snapshots|check|diff|dump|find|ls|stats|version|cat|list|help|generate|)$/;

export const RESTIC_TABLE: ToolTable = defineLocalTable({
  name: 'restic',
  commands: ['restic', 'rustic'],
  rules: [
    {
      id: 'restic.forget', risk: 'destructive', effect: 'delete-snapshots',
      explain: 'forgets or prunes snapshots, or removes a repository key',
      test: (inv) => {
        const w = words(inv, RESTIC_VALUED);
        const verb = w[0] ?? '';
        if (isDry(inv)) return null;
        if (verb === 'forget' || verb === 'prune') return { target: w.slice(1).join(' ') || 'repository' };
        if (verb === 'key' && (w[1] === 'remove' || w[1] === 'rm')) return { target: w[2] ?? 'key', explanation: 'removes a repository key; data encrypted only to it becomes unreadable' };
        if (verb === 'unlock' && inv.args.includes('--remove-all')) return { target: 'repository locks', explanation: 'removes every lock, including those of running backups or prunes' };
        return null;
      },
      examples: { match: ['restic forget --keep-last 3 --prune', 'restic prune', 'restic -r s3:bkt key remove 1a2b', 'restic forget 4f5e6d'], no_match: ['restic snapshots', 'restic forget --keep-daily 7 --dry-run', 'restic backup /srv'] },
    },
  ],
  fallback: (inv) => (RESTIC_READ.test(words(inv, RESTIC_VALUED)[0] ?? '') ? 'readonly' : 'mutating'),
});

const BORG_VALUED = new Set(['--remote-path', '--rsh', '--lock-wait', '--keep-last', '--keep-within', '--keep-secondly', '--keep-minutely', '-H', '--keep-hourly', '-d', '--keep-daily', '-w', '--keep-weekly', '-m', '--keep-monthly', '-y', '--keep-yearly', '-a', '--glob-archives', '--match-archives', '-P', '--prefix', '--exclude', '-e', '--comment', '--compression', '-C', '--repo', '-r', '--format']);
const BORG_DESTROY = /^(delete|prune|compact|recreate|break-lock|rdelete|repo-delete|rcompact)$/;
const BORG_READ = /^(list|info|check|diff|version|help|rlist|rinfo|repo-list|repo-info|export-tar|benchmark|)$/;

export const BORG_TABLE: ToolTable = defineLocalTable({
  name: 'borg',
  commands: ['borg', 'borgmatic'],
  rules: [
    {
      id: 'borg.delete', risk: 'destructive', effect: 'delete-archives',
      explain: 'deletes, prunes or rewrites backup archives (or breaks a lock another process holds)',
      test: (inv) => {
        const w = words(inv, BORG_VALUED);
        const verb = w[0] ?? '';
        if (!BORG_DESTROY.test(verb) || isDry(inv)) return null;
        return { target: w.slice(1).join(' ') || 'repository', explanation: `borg ${verb} ${w.slice(1).join(' ')}`.trim() };
      },
      examples: { match: ['borg delete /backups::2024-01-01', 'borg prune --keep-daily 7 /backups', 'borg compact /backups', 'borg break-lock /backups'], no_match: ['borg list /backups', 'borg prune -n --keep-daily 7 /backups', 'borg create /backups::today ~/src'] },
    },
  ],
  fallback: (inv) => (isDry(inv) || BORG_READ.test(words(inv, BORG_VALUED)[0] ?? '') ? 'readonly' : 'mutating'),
});

export const VELERO_TABLE: ToolTable = defineLocalTable({
  name: 'velero',
  commands: ['velero'],
  rules: [
    {
      id: 'velero.delete', risk: 'destructive', effect: 'delete-backups',
      explain: 'deletes cluster backups, schedules, restores or storage locations, or uninstalls velero',
      test: (inv) => {
        const w = words(inv, new Set(['-n', '--namespace', '--kubeconfig', '--kubecontext', '--selector', '-l', '--name']));
        if (w[0] === 'uninstall') return { target: 'velero', explanation: 'velero uninstall removes velero and its backup resources from the cluster' };
        if (w[1] === 'delete') return { target: `${w[0] ?? ''} ${w.slice(2).join(' ') || (inv.args.includes('--all') ? 'all' : '')}`.trim() };
        if (w[0] === 'delete') return { target: w.slice(1).join(' ') };
        return null;
      },
      examples: { match: ['velero backup delete nightly-2025', 'velero schedule delete daily --confirm', 'velero uninstall', 'velero delete backup old'], no_match: ['velero backup get', 'velero backup create pre-upgrade', 'velero restore describe r1'] },
    },
  ],
  fallback: (inv) => {
    const w = inv.args.filter((a) => !a.startsWith('-'));
    return w.some((x) => /^(get|describe|logs|version|help|completion)$/.test(x)) || w.length === 0 ? 'readonly' : 'mutating';
  },
});

export const SSH_KEYS_TABLE: ToolTable = defineLocalTable({
  name: 'ssh-keys',
  commands: ['ssh-keygen', 'ssh-add', 'ssh-keyscan', 'ssh-agent', 'ssh-copy-id'],
  rules: [
    {
      // ssh-keygen asks before overwriting a key file; piping "y" into it answers for the user.
      id: 'ssh-keys.overwrite-key', risk: 'destructive', effect: 'overwrite-key',
      explain: 'answers yes to overwriting an existing private key, which then cannot be recovered',
      test: (inv) => {
        if (inv.name !== 'ssh-keygen' || inv.stdin === undefined || !/^\s*y/i.test(inv.stdin)) return null;
        if (inv.args.some((a) => /^-[a-zA-Z]*[lFRyBQLD]/.test(a))) return null;
        const f = inv.args.indexOf('-f');
        return { target: f >= 0 ? (inv.args[f + 1] ?? '') : '~/.ssh/id_*' };
      },
      examples: { match: ["ssh-keygen -t ed25519 -f ~/.ssh/id_ed25519 -N '' <<< y", 'echo y | ssh-keygen -f ~/.ssh/id_rsa -N ""'], no_match: ["ssh-keygen -t ed25519 -f ./deploy_key -N ''", 'ssh-keygen -R host'] },
    },
    {
      // Recoverable (the key files stay on disk), so mutating; named so a policy can see it.
      id: 'ssh-keys.forget', risk: 'mutating', effect: 'remove-key',
      explain: 'removes identities from the agent or a host from known_hosts',
      test: (inv) => {
        if (inv.name === 'ssh-add' && inv.args.some((a) => a === '-d' || a === '-D')) return { target: inv.args.includes('-D') ? 'all agent identities' : inv.args.filter((a) => !a.startsWith('-')).join(' ') || 'default identity' };
        const r = inv.name === 'ssh-keygen' ? inv.args.indexOf('-R') : -1;
        return r >= 0 ? { target: inv.args[r + 1] ?? '' } : null;
      },
      examples: { match: ['ssh-add -D', 'ssh-keygen -R old.example.com'], no_match: ['ssh-add -l', 'ssh-keygen -lf key.pub'] },
    },
  ],
  // Removing a known-hosts entry or an agent identity is recoverable (the keys stay on disk):
  // mutating. Listing, fingerprinting and scanning read.
  fallback: (inv) => {
    const a = inv.args;
    if (inv.name === 'ssh-keyscan') return 'readonly';
    if (inv.name === 'ssh-add') return a.some((x) => x === '-l' || x === '-L' || x === '-T') ? 'readonly' : 'mutating';
    if (inv.name === 'ssh-keygen') return a.some((x) => /^-[a-zA-Z]*[lFyBQ]/.test(x) && !/^-[a-zA-Z]*R/.test(x)) ? 'readonly' : 'mutating';
    return 'mutating';
  },
});
