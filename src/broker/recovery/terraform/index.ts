// Terraform / OpenTofu: before an apply or destroy, the state is kept (a copy of the local
// terraform.tfstate, or `terraform state pull` for a remote backend). That is all Countersign can
// promise: destroyed or replaced cloud resources, and the data in them, are NOT restored by this.
// Rollback puts a local state file back, or writes a pulled state next to the configuration for a
// human to review and `state push`, and says so every time.
import { copyFileSync, existsSync, renameSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { CountersignError, type Action, type RiskReport } from '../../../core/index.js';
import { parseCommand } from '../command/parse.js';
import { runProc } from '../proc.js';
import type { PartRecord, RecoveryKind, RestoreCtx, TakeCtx } from '../types.js';

const TOOLS = new Set(['terraform', 'tofu']);
const DESCRIBE = {
  restorable: 'the Terraform/OpenTofu state file as it was before the apply (a local state file is put back; a pulled remote state is written next to the configuration for you to review and `terraform state push`)',
  notRestorable: 'cloud resources: anything the apply destroyed or replaced stays destroyed, with its data; re-create it with a new plan, from the provider\'s own backups or snapshots',
};

type Data = { bin: string; dir: string; source: 'file' | 'pull'; path: string };

export const terraformKind: RecoveryKind = {
  name: 'terraform',
  applies(action: Action, report: RiskReport): boolean {
    if (action.kind === 'terraform-plan') return true;
    return action.kind === 'shell' && report.findings.some((f) => TOOLS.has(f.tool ?? '') && f.risk !== 'readonly');
  },
  async take(ctx: TakeCtx): Promise<PartRecord | null> {
    const a = ctx.request.action;
    let bin = 'terraform';
    let dir = ctx.cwd;
    if (a.kind === 'shell') {
      const inv = parseCommand(a.command, ctx.cwd, ctx.env['HOME']).invocations.find((i) => TOOLS.has(i.name));
      if (!inv) return null;
      bin = inv.name;
      dir = inv.cwd;
      const chdir = inv.args.find((w) => w.value.startsWith('-chdir='));
      if (chdir) dir = resolve(dir, chdir.value.slice('-chdir='.length));
    }
    const local = join(dir, 'terraform.tfstate');
    const kept = join(ctx.dir, 'state.tfstate');
    let data: Data;
    if (existsSync(local)) {
      copyFileSync(local, kept);
      data = { bin, dir, source: 'file', path: local };
    } else {
      const r = await runProc(bin, ['state', 'pull'], { cwd: dir, env: ctx.env, timeoutMs: 120_000 });
      if (r.code !== 0) throw new CountersignError('E_RECOVERY_FAILED', `\`${bin} state pull\` in ${dir} failed (${r.stderr.trim().slice(0, 300) || `exit ${r.code}`}); run \`${bin} init\` there, or configure the backend, so the state can be kept.`);
      if (Buffer.byteLength(r.stdout) > ctx.maxBytes) throw new CountersignError('E_RECOVERY_TOO_LARGE', `The pulled state is larger than the target's recovery.max_bytes (${ctx.maxBytes}).`);
      writeFileSync(kept, r.stdout, { mode: 0o600 });
      data = { bin, dir, source: 'pull', path: join(dir, 'terraform.tfstate') };
    }
    return { kind: 'terraform', what: [`${bin} state of ${dir} (${data.source === 'file' ? 'copy of terraform.tfstate' : `${bin} state pull`}); cloud resources are not included`], data, ...DESCRIBE };
  },
  async verify(): Promise<void> {
    // The state is JSON; its checksum in the manifest is the check.
  },
  async restore(ctx: RestoreCtx): Promise<void> {
    const d = ctx.part.data as Data;
    const kept = join(ctx.dir, 'state.tfstate');
    if (d.source === 'file') {
      if (existsSync(d.path)) renameSync(d.path, `${d.path}.countersign-before-rollback-${Date.now()}`);
      copyFileSync(kept, d.path);
      ctx.say(`${d.path} put back (the state now in place was kept as ${d.path}.countersign-before-rollback-*)`);
    } else {
      const out = join(d.dir, `countersign-${ctx.requestId}.tfstate`);
      copyFileSync(kept, out);
      ctx.say(`the pulled state was written to ${out}; review it, then \`${d.bin} state push ${out}\` if it is what you want. Countersign does not push state itself.`);
    }
    ctx.say(`NOT restored: ${DESCRIBE.notRestorable}.`);
  },
  describe: () => DESCRIBE,
};
