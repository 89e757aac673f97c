// Editors run non-interactively by agents: `vim -c '!cmd'`, `vim +'!cmd'` and `ex` scripts can
// run shell commands, which are judged as themselves; otherwise an editor edits files (mutating).
import { defineLocalTable } from './table.js';
import type { RuleHit, ToolTable } from './types.js';

const RANK = { readonly: 0, mutating: 1, unknown: 2, destructive: 3 } as const;

export const EDITOR_TABLE: ToolTable = defineLocalTable({
  name: 'editor',
  commands: ['vim', 'vi', 'nvim', 'ex', 'view', 'gvim'],
  rules: [
    {
      id: 'editor.shell-escape', risk: 'unknown', effect: 'run-command',
      explain: 'the editor is told to run shell commands',
      test: (inv, ctx) => {
        const cmds: string[] = [];
        inv.args.forEach((a, i) => {
          if ((a === '-c' || a === '--cmd') && inv.args[i + 1] !== undefined) cmds.push(inv.args[i + 1] ?? '');
          else if (a.startsWith('+') && a.length > 1) cmds.push(a.slice(1));
        });
        if (inv.stdin !== undefined && inv.args.includes('-s')) cmds.push(...inv.stdin.split('\n'));
        let worst: RuleHit | null = null;
        for (const c of cmds) {
          const m = /^:?\s*(?:silent!?\s*)?(?:!|sh(?:ell)?\s|call\s+system\(|(?:r|read)\s*!|w\s*!)(.*)$/s.exec(c.trim());
          if (!m) continue;
          const body = (m[1] ?? '').replace(/^["']|["']\)?$/g, '');
          const r = ctx.shell(body);
          if (!worst || RANK[r.risk] > RANK[worst.risk ?? 'unknown']) worst = { risk: r.risk, target: body, explanation: `editor runs: ${r.summary}` };
        }
        return worst;
      },
      examples: { match: ["vim -c '!rm -rf ~' -c q", "vi +'!git reset --hard' +q file.txt"], no_match: ["vim -c '%s/a/b/g' -c wq file.txt", 'vim notes.md'] },
    },
  ],
  fallback: (inv) => (inv.name === 'view' || inv.args.includes('-R') || inv.args.length === 0 ? 'readonly' : 'mutating'),
});
