// Copying to other places: rsync and scp. A sync that deletes at the destination (or removes the
// source files) loses data; a copy over a system directory of the target replaces its files.
import { has, parseArgs, type ParsedArgs } from './argv.js';
import { classifyPath, isOsPath } from './paths.js';
import { execOptionRule } from './exec-options.js';
import { defineLocalTable } from './table.js';
import type { RuleHit, ToolTable } from './types.js';

const RSYNC_VALUED = ['-e', '--rsh', '--exclude', '--include', '-f', '--filter', '--rsync-path', '--port', '--password-file', '-T', '--temp-dir', '--log-file', '--backup-dir', '--chmod', '--chown', '-B', '--block-size', '--compare-dest', '--copy-dest', '--link-dest', '--files-from', '--exclude-from', '--include-from', '--timeout', '--contimeout', '--bwlimit', '--max-size', '--min-size', '--max-delete', '--partial-dir', '--info', '--debug', '--out-format', '--suffix', '-M', '--remote-option', '--usermap', '--groupmap', '--iconv', '--checksum-choice', '--compress-choice', '--compress-level', '--skip-compress', '--modify-window', '--outbuf', '--sockopts', '--address', '--protocol'];
const SCP_VALUED = ['-P', '-i', '-o', '-F', '-c', '-l', '-S', '-J', '-D', '-X'];

/** The destination of a copy, with the remote host stripped: "user@host:/etc/" is judged as "/etc/". */
function destination(p: ParsedArgs): { raw: string; path: string; remote: boolean } | null {
  if (p.pos.length < 2) return null;
  const raw = p.pos[p.pos.length - 1] ?? '';
  const m = /^(?:[^/:]*@)?[^/:]+:(.*)$/.exec(raw);
  if (m && !raw.startsWith('/')) return { raw, path: m[1] === '' ? '~' : (m[1] ?? '~'), remote: true };
  return { raw, path: raw, remote: false };
}

function overSystem(p: ParsedArgs): RuleHit | null {
  const d = destination(p);
  if (!d) return null;
  const info = classifyPath(d.path);
  const { norm } = info;
  return isOsPath(info) ? { target: d.raw, explanation: `copies over ${d.remote ? 'the remote ' : ''}system path ${norm}` } : null;
}

const dryRun = (p: ParsedArgs) => has(p, '-n', '--dry-run', '--list-only');

export const RSYNC_TABLE: ToolTable = defineLocalTable({
  name: 'rsync',
  commands: ['rsync'],
  rules: [
    {
      id: 'rsync.delete', risk: 'destructive', effect: 'delete-files',
      explain: 'rsync deletes files at the destination (or the source files after copying)',
      test: (inv) => {
        const p = parseArgs(inv.args, { valued: RSYNC_VALUED });
        if (dryRun(p)) return null;
        const flag = [...p.opts.keys()].find((k) => k === '--del' || k.startsWith('--delete') || k === '--remove-source-files' || k === '--remove-sent-files');
        if (!flag) return null;
        const d = destination(p);
        // Mirroring into a build or temp dir (`rsync -a --delete src/ dist/`) only loses regenerable files.
        const destCls = d && !d.remote ? classifyPath(d.path, false, inv.cwd).cls : undefined;
        if (!flag.startsWith('--remove') && (destCls === 'build' || destCls === 'temp')) {
          return { risk: 'mutating', target: d?.raw ?? '', explanation: `rsync ${flag} only prunes a build or temp directory (${d?.raw ?? ''})` };
        }
        return { target: flag === '--remove-source-files' ? p.pos.slice(0, -1).join(' ') : (d?.raw ?? ''), explanation: `rsync ${flag} ${flag.startsWith('--remove') ? 'deletes the source files after copying' : 'deletes destination files missing from the source'}` };
      },
      examples: {
        match: ['rsync -a --delete ./site/ web:/var/www/site/', 'rsync -av --delete-after src/ backup/', 'rsync --remove-source-files -a logs/ archive/', 'rsync -a --del a/ b/'],
        no_match: ['rsync -avz src/ dest/', 'rsync -an --delete src/ dest/', 'rsync --dry-run --delete src/ dest/'],
      },
    },
    {
      id: 'rsync.system-path', risk: 'destructive', effect: 'overwrite-files',
      explain: 'rsync writes over a system directory',
      test: (inv) => {
        const p = parseArgs(inv.args, { valued: RSYNC_VALUED });
        return dryRun(p) ? null : overSystem(p);
      },
      examples: { match: ['rsync -a ./etc/ root@host:/etc/', 'rsync -a rootfs/ /'], no_match: ['rsync -a ./site/ host:/srv-data/site/', 'rsync -a src/ /tmp/copy/'] },
    },
    execOptionRule('rsync', ['-e', '--rsh', '--rsync-path'], { match: ["rsync -e 'sh -c \"rm -rf ~\"' a host:b", "rsync -a -e 'ssh -p 2222' src/ host:dst/"], no_match: ['rsync -a src/ dst/'] }),
  ],
  fallback: (inv) => (dryRun(parseArgs(inv.args, { valued: RSYNC_VALUED })) || inv.args.length === 0 ? 'readonly' : 'mutating'),
});

export const SCP_TABLE: ToolTable = defineLocalTable({
  name: 'scp',
  commands: ['scp'],
  rules: [
    {
      id: 'scp.system-path', risk: 'destructive', effect: 'overwrite-files',
      explain: 'scp copies over a system path on the target',
      test: (inv) => overSystem(parseArgs(inv.args, { valued: SCP_VALUED })),
      examples: { match: ['scp app.conf user@host:/etc/', 'scp -r dist/ root@web:/', 'scp vmlinuz host:/boot/'], no_match: ['scp report.pdf user@host:~/docs/', 'scp host:/etc/hosts .', 'scp a.txt /var/tmp/'] },
    },
  ],
  fallback: (inv) => (inv.args.length === 0 ? 'readonly' : 'mutating'),
});
