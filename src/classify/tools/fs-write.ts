// Overwriting and re-permissioning files: mv, cp, ln, tee, truncate, chmod/chown/chgrp.
// Writes inside the workspace are routine; writes over system paths, moves into /dev/null and
// permission changes across "/", system directories or home are destructive.
import { has, parseArgs, val } from './argv.js';
import { classifyPath, isHomeRoot, isOsPath, type PathClass } from './paths.js';
import { defineLocalTable } from './table.js';
import { protectedPathRule } from './write-guard.js';
import type { Invocation, RuleHit, ToolTable } from './types.js';

function operands(inv: Invocation, valued: readonly string[] = []): { raw: string; cls: PathClass; norm: string }[] {
  const p = parseArgs(inv.args, { valued });
  // A word is dynamic if any occurrence of it is; exact positions do not matter for judging paths.
  const dyn = new Set(inv.args.filter((_, i) => inv.dynamic[i]));
  return p.pos.map((raw) => ({ raw, ...classifyPath(raw, dyn.has(raw), inv.cwd) }));
}

const SYS = (c: PathClass) => c === 'system' || c === 'root';

const MVCP_VALUED = ['-t', '--target-directory', '-S', '--suffix'];

function overwriteSystem(inv: Invocation): RuleHit | null {
  const ops = operands(inv, MVCP_VALUED);
  const p = parseArgs(inv.args, { valued: MVCP_VALUED });
  const dir = val(p, '-t', '--target-directory');
  const dest = dir !== undefined ? { raw: dir, ...classifyPath(dir, false, inv.cwd) } : ops[ops.length - 1];
  if (!dest || ops.length < (dir !== undefined ? 1 : 2)) return null;
  if (dest.norm === '/dev/null') return null;
  return isOsPath(dest) ? { target: dest.norm, explanation: `writes over a system path (${dest.norm})` } : null;
}

/** Where cp/mv/install/ln put things: the target, and the file each source lands as inside it
 * (`cp evil .git/hooks/` writes .git/hooks/evil). */
function destinations(inv: Invocation): string[] {
  const p = parseArgs(inv.args, { valued: MVCP_VALUED });
  const dir = val(p, '-t', '--target-directory');
  const srcs = dir !== undefined ? p.pos : p.pos.slice(0, -1);
  const dest = dir ?? (p.pos.length >= 2 ? p.pos[p.pos.length - 1] : undefined);
  if (dest === undefined) return [];
  // Into a directory when the line says so (-t, a trailing "/", several sources) or the target is
  // a dot-directory such as .claude or .ssh; `cp ~/.bashrc bashrc-copy` writes bashrc-copy only.
  const last = dest.replace(/\/+$/, '').slice(dest.replace(/\/+$/, '').lastIndexOf('/') + 1);
  const intoDir = dir !== undefined || dest.endsWith('/') || srcs.length > 1 || /^\.[^.]+$/.test(last) || dest === '.' || dest === '~';
  if (!intoDir) return [dest];
  return [dest, ...srcs.map((s) => `${dest.replace(/\/+$/, '')}/${s.slice(s.replace(/\/+$/, '').lastIndexOf('/') + 1)}`)];
}

export const MV_TABLE: ToolTable = defineLocalTable({
  name: 'mv',
  commands: ['mv'],
  rules: [
    {
      id: 'mv.to-dev-null', risk: 'destructive', effect: 'delete-files',
      explain: 'moving into /dev/null discards the source',
      test: (inv) => {
        const ops = operands(inv, MVCP_VALUED);
        const last = ops[ops.length - 1];
        return ops.length >= 2 && last?.norm === '/dev/null' ? { target: ops[0]?.raw ?? '' } : null;
      },
      examples: { match: ['mv data.db /dev/null'], no_match: ['mv a.txt b.txt'] },
    },
    {
      id: 'mv.system-path', risk: 'destructive', effect: 'overwrite-files',
      explain: 'moves over or away a path the operating system depends on',
      test: (inv) => {
        const hit = overwriteSystem(inv);
        if (hit) return hit;
        const src = operands(inv, MVCP_VALUED).slice(0, -1).find((o) => isOsPath(o) || isHomeRoot(o.norm));
        return src ? { target: src.norm, explanation: `moves away ${src.norm}` } : null;
      },
      examples: { match: ['mv evil /usr/bin/ls', 'mv /etc/nginx /tmp/old', 'mv -t /etc/ app.conf', 'mv ~ /tmp/home-old'], no_match: ['mv src/a.ts src/b.ts', 'mv build.log /tmp/', 'mv ~/.bashrc ~/.bashrc.bak'] },
    },
    // Moving a protected file away loses it where it was just as overwriting it does.
    protectedPathRule('mv', (inv) => [...destinations(inv), ...parseArgs(inv.args, { valued: MVCP_VALUED }).pos], {
      match: ['mv ~/.ssh /tmp/x', 'mv /tmp/evil .claude/settings.json', 'mv hook.sh .git/hooks/pre-commit', 'mv countersign.yaml old.yaml'],
      no_match: ['mv src/a.ts src/b.ts', 'mv build.log /tmp/'],
    }),
  ],
  fallback: (inv) => (inv.args.length === 0 ? 'readonly' : 'mutating'),
});

export const CP_TABLE: ToolTable = defineLocalTable({
  name: 'cp',
  commands: ['cp', 'install'],
  rules: [
    {
      id: 'cp.system-path', risk: 'destructive', effect: 'overwrite-files',
      explain: 'copies over a path the operating system depends on',
      test: overwriteSystem,
      examples: { match: ['cp my.conf /etc/ssh/sshd_config', 'cp -r ./bin /usr/'], no_match: ['cp a.txt b.txt', 'cp /etc/hosts ./hosts.bak'] },
    },
    protectedPathRule('cp', destinations, {
      match: ['cp /tmp/evil .claude/settings.json', 'cp /dev/null ~/.bashrc', 'install -m 755 hook.sh .git/hooks/pre-push', 'cp pre-commit .git/hooks/', 'cp -t .claude/hooks run.sh'],
      no_match: ['cp a.txt b.txt', 'cp ~/.bashrc ./bashrc.bak', 'cp .claude/settings.json /tmp/settings.json'],
    }),
  ],
  fallback: (inv) => (inv.args.length === 0 ? 'readonly' : 'mutating'),
});

export const LN_TABLE: ToolTable = defineLocalTable({
  name: 'ln',
  commands: ['ln'],
  rules: [
    {
      id: 'ln.over-system', risk: 'destructive', effect: 'overwrite-files',
      explain: 'a forced link replaces a system file',
      test: (inv) => {
        const p = parseArgs(inv.args, { valued: MVCP_VALUED });
        if (!has(p, '-f', '--force')) return null;
        return overwriteSystem(inv);
      },
      examples: { match: ['ln -sf /tmp/evil /usr/bin/sudo'], no_match: ['ln -s ../shared ./shared', 'ln -sf a b'] },
    },
    protectedPathRule('ln', destinations, {
      match: ['ln -sf /dev/null ~/.bashrc', 'ln -s /tmp/hook .git/hooks/pre-commit'],
      no_match: ['ln -s ../shared ./shared', 'ln -s ~/.bashrc ./bashrc-link'],
    }),
  ],
  fallback: (inv) => (inv.args.length === 0 ? 'readonly' : 'mutating'),
});

export const TEE_TABLE: ToolTable = defineLocalTable({
  name: 'tee',
  commands: ['tee'],
  rules: [
    {
      id: 'tee.system-file', risk: 'destructive', effect: 'overwrite-files',
      explain: 'tee overwrites a system file',
      test: (inv) => {
        const p = parseArgs(inv.args);
        if (has(p, '-a', '--append')) return null;
        const t = operands(inv).find((o) => SYS(o.cls) && !o.norm.startsWith('/dev/'));
        return t ? { target: t.norm } : null;
      },
      examples: { match: ['tee /etc/hosts', 'tee /etc/apt/sources.list'], no_match: ['tee -a /etc/hosts', 'tee out.txt', 'tee /dev/null'] },
    },
    protectedPathRule('tee', (inv) => parseArgs(inv.args).pos.filter((p) => !p.startsWith('/dev/')), {
      match: ['tee .claude/settings.json', 'tee ~/.bashrc', 'tee -a ~/.bashrc', 'tee out.txt countersign.yaml'],
      no_match: ['tee out.txt', 'tee /dev/null', 'tee /tmp/log.txt'],
    }),
  ],
  fallback: (inv) => (operands(inv).some((o) => o.norm !== '/dev/null' && o.norm !== '/dev/stderr' && o.norm !== '/dev/stdout') ? 'mutating' : 'readonly'),
});

export const TRUNCATE_TABLE: ToolTable = defineLocalTable({
  name: 'truncate',
  commands: ['truncate'],
  rules: [
    {
      id: 'truncate.empty', risk: 'destructive', effect: 'destroy-data',
      explain: 'truncating a file to zero (or shrinking it) throws its contents away',
      test: (inv) => {
        const p = parseArgs(inv.args, { valued: ['-s', '--size', '-r', '--reference', '-o'] });
        const size = val(p, '-s', '--size');
        if (size === undefined || !(/^0+[KMGTPEZY]?i?B?$/i.test(size) || /^[-<]/.test(size))) return null;
        const t = operands(inv, ['-s', '--size', '-r', '--reference']).find((o) => o.cls !== 'temp' && o.cls !== 'build');
        return t ? { target: t.raw } : null;
      },
      examples: { match: ['truncate -s 0 /var/lib/app/data.db', 'truncate --size=0 orders.csv', 'truncate -s -1G big.img'], no_match: ['truncate -s 10G disk.img', 'truncate -s 0 /tmp/x.log'] },
    },
    {
      // `truncate table orders` is SQL typed at a shell prompt; judge it as the SQL it is.
      id: 'truncate.sql-text', risk: 'unknown', effect: 'sql',
      explain: 'looks like SQL typed as a shell command',
      test: (inv, ctx) => {
        const first = (inv.args[0] ?? '').toLowerCase();
        if (first !== 'table' || inv.args.length < 2) return null;
        const r = ctx.sql(`TRUNCATE ${inv.args.join(' ')}`, 'postgresql');
        return { risk: r.risk === 'readonly' ? 'unknown' : r.risk, effect: 'truncate-table', target: inv.args[1] ?? '', explanation: `SQL typed as a shell command: ${r.summary}` };
      },
      examples: { match: ['truncate table orders'], no_match: ['truncate -s 1M table'] },
    },
    protectedPathRule('truncate', (inv) => parseArgs(inv.args, { valued: ['-s', '--size', '-r', '--reference'] }).pos, {
      match: ['truncate -s 1M ~/.bashrc', 'truncate -s 10 .git/HEAD'],
      no_match: ['truncate -s 10G disk.img'],
    }),
  ],
  fallback: (inv) => (inv.args.length === 0 ? 'readonly' : 'mutating'),
});

const PERM_VALUED = ['--reference', '--from'];

export const CHMOD_TABLE: ToolTable = defineLocalTable({
  name: 'chmod',
  commands: ['chmod', 'chown', 'chgrp'],
  rules: [
    {
      id: 'chmod.system-wide', risk: 'destructive', effect: 'change-permissions',
      explain: 'changes ownership or permissions across the system, a home directory or a system path',
      test: (inv) => {
        // A symbolic mode may start with "-" (`chmod -x f`); it is the mode, not an option.
        const args = inv.args.map((a) => (inv.name === 'chmod' && /^-[rwxXst]+$/.test(a) ? `=${a}` : a));
        const p = parseArgs(args, { valued: PERM_VALUED });
        const recursive = has(p, '-R', '--recursive');
        // The first operand is the mode or owner unless --reference gave it.
        const paths = val(p, '--reference') !== undefined ? p.pos : p.pos.slice(1);
        for (const raw of paths) {
          const info = classifyPath(raw, false, inv.cwd);
          const { cls, norm } = info;
          // Recursive changes under a home directory are routine in a project; across the whole
          // home they break ssh keys and dotfiles.
          // Service data dirs (/srv, /opt, /var/www) re-permissioned are a change, not a loss.
          if (isOsPath(info) || (recursive && cls === 'home' && isHomeRoot(norm))) {
            return { target: norm, explanation: `${inv.name}${recursive ? ' -R' : ''} on ${norm}` };
          }
        }
        return null;
      },
      examples: {
        match: ['chmod -R 777 /', 'chown -R nobody /etc', 'chmod 000 /etc/shadow', 'chgrp -R users ~', 'chmod 777 /', 'chmod -x /usr/bin/sudo'],
        no_match: ['chmod +x build.sh', 'chmod -R u+w ./src', 'chown -R www-data /var/www/site', 'chown -R me:me ./node_modules', 'chmod -x ./run.sh', 'chmod -R g+w ~/projects/app'],
      },
    },
  ],
  fallback: (inv) => (inv.args.length === 0 ? 'readonly' : 'mutating'),
});
