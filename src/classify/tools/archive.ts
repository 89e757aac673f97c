// Archives: creating or listing one is routine; extracting over "/" or a system directory can
// replace the operating system's files.
import { parseArgs, val } from './argv.js';
import { classifyPath } from './paths.js';
import { execOptionRule } from './exec-options.js';
import { defineLocalTable } from './table.js';
import type { Invocation, ToolTable } from './types.js';

function tarMode(inv: Invocation): { extract: boolean; list: boolean; dir?: string } {
  // Old-style tar takes a bundled first word without a dash ("tar xzf a.tgz").
  const args = [...inv.args];
  if (args[0] !== undefined && /^[a-zA-Z]+$/.test(args[0]) && /[xtcru]/.test(args[0])) args[0] = `-${args[0]}`;
  const p = parseArgs(args, { valued: ['-f', '--file', '-C', '--directory', '-T', '--files-from', '-X', '--exclude-from', '-b', '--blocking-factor', '-H', '--format', '-I', '--use-compress-program'] });
  const extract = p.opts.has('-x') || p.opts.has('--extract') || p.opts.has('--get');
  const list = p.opts.has('-t') || p.opts.has('--list');
  const dir = val(p, '-C', '--directory');
  return { extract, list, ...(dir !== undefined ? { dir } : {}) };
}

export const TAR_TABLE: ToolTable = defineLocalTable({
  name: 'tar',
  commands: ['tar', 'bsdtar', 'gtar'],
  rules: [
    {
      id: 'tar.extract-system', risk: 'destructive', effect: 'overwrite-files',
      explain: 'extracting an archive over the root or a system directory replaces system files',
      test: (inv) => {
        const m = tarMode(inv);
        if (!m.extract) return null;
        const dir = m.dir ?? inv.cwd;
        if (dir === undefined) return null;
        const { cls, norm } = classifyPath(dir, false);
        return cls === 'root' || cls === 'system' ? { target: norm } : null;
      },
      examples: { match: ['tar -xzf rootfs.tgz -C /', 'tar xf etc.tar -C /etc'], no_match: ['tar -xzf deps.tgz -C ./vendor', 'tar -tzf rootfs.tgz'] },
    },
    execOptionRule('tar', ['--to-command', '-I', '--use-compress-program', '--checkpoint-action', '-F', '--info-script', '--new-volume-script'],
      { match: ["tar -cf /dev/null x --checkpoint=1 --checkpoint-action=exec='rm -rf ~'", "tar -xf a.tar --to-command='sh -c \"rm -rf /srv\"'", "tar -I 'zstd -T0' -cf a.tar.zst src"], no_match: ['tar -czf a.tgz src', 'tar -cf a.tar --checkpoint=100 --checkpoint-action=dot src'] },
      // --checkpoint-action also takes harmless actions (dot, echo, bell, ...); only exec= runs.
      (v) => (v.startsWith('exec=') ? v.slice(5).replace(/^['"]|['"]$/g, '') : /^(bell|dot|\.|echo|ttyout|wait|sleep|totals)\b/.test(v) ? null : v)),
  ],
  fallback: (inv) => (tarMode(inv).list || inv.args.length === 0 ? 'readonly' : 'mutating'),
});

export const UNZIP_TABLE: ToolTable = defineLocalTable({
  name: 'unzip',
  commands: ['unzip'],
  rules: [
    {
      id: 'unzip.extract-system', risk: 'destructive', effect: 'overwrite-files',
      explain: 'extracting over the root or a system directory replaces system files',
      test: (inv) => {
        const p = parseArgs(inv.args, { valued: ['-d', '-x'] });
        const d = val(p, '-d');
        if (d === undefined || p.opts.has('-l')) return null;
        const { cls, norm } = classifyPath(d, false, inv.cwd);
        return cls === 'root' || cls === 'system' ? { target: norm } : null;
      },
      examples: { match: ['unzip -o payload.zip -d /usr/local/bin'], no_match: ['unzip -o site.zip -d ./public', 'unzip -l site.zip'] },
    },
  ],
  fallback: (inv) => (inv.args.includes('-l') || inv.args.includes('-t') || inv.args.length === 0 ? 'readonly' : 'mutating'),
});
