// Files: the paths a command or file write would delete or overwrite, copied with their modes
// before it runs, restored byte for byte.
import { CountersignError, type Action, type RiskReport } from '../../../core/index.js';
import { parseCommand } from '../command/parse.js';
import type { PartRecord, RecoveryKind, RestoreCtx, TakeCtx } from '../types.js';
import { restoreEntries, sizeOf, snapshot, type Entry } from './copy.js';
import { pathsOf } from './paths.js';

/** Effects (from the classifier's findings) that lose or overwrite file contents. */
const EFFECTS = new Set(['delete-files', 'destroy-data', 'write-file', 'edit-files', 'overwrite-files', 'change']);
const TOOLS = new Set(['rm', 'unlink', 'rmdir', 'shred', 'srm', 'wipe', 'truncate', 'find', 'tee', 'sed', 'perl', 'dd', 'cp', 'mv', 'install', 'ln', 'shell']);

const DESCRIBE = {
  restorable: 'the listed files, directories and symlinks, byte for byte, with their permission bits and modification times',
  notRestorable: 'paths computed at run time, files outside the listed paths, ownership unless Countersign runs as root, and sockets or devices',
};

export const filesKind: RecoveryKind = {
  name: 'files',
  applies(action: Action, report: RiskReport): boolean {
    if (action.kind === 'file') return true;
    if (action.kind !== 'shell') return false;
    return report.findings.some((f) => EFFECTS.has(f.effect) && TOOLS.has(f.tool ?? ''));
  },
  async take(ctx: TakeCtx): Promise<PartRecord | null> {
    const a = ctx.request.action;
    const parsed = a.kind === 'shell' ? parseCommand(a.command, ctx.cwd, ctx.env['HOME']) : null;
    const { paths, unresolved } = pathsOf(a, parsed, ctx.cwd);
    if (paths.length === 0 && unresolved.length === 0) return null;
    const size = sizeOf(paths, ctx.maxBytes);
    if (size > ctx.maxBytes) {
      throw new CountersignError('E_RECOVERY_TOO_LARGE', `The paths this action deletes or overwrites hold more than ${ctx.maxBytes} bytes (${paths.slice(0, 3).join(', ')}${paths.length > 3 ? ', …' : ''}); raise the target's recovery.max_bytes or back them up yourself.`);
    }
    const skipped: string[] = [];
    const entries = snapshot(paths, ctx.dir, skipped);
    const incomplete = [...unresolved.map((u) => `operand computed at run time: ${u}`), ...skipped];
    return {
      kind: 'files',
      what: paths.map((p) => `${p}${entries.find((e) => e.path === p)?.type === 'absent' ? ' (did not exist: rollback removes it)' : ''}`),
      data: { tops: paths, entries },
      ...DESCRIBE,
      ...(incomplete.length ? { incomplete } : {}),
    };
  },
  async verify(): Promise<void> {
    // The checksums in the manifest cover every stored byte; modes and links are in the manifest.
  },
  async restore(ctx: RestoreCtx): Promise<void> {
    const { tops, entries } = ctx.part.data as { tops: string[]; entries: Entry[] };
    restoreEntries(entries, tops, ctx.dir);
    for (const t of tops) ctx.say(`restored ${t}`);
  },
  describe: () => DESCRIBE,
};
