// Feature-flag services. Deleting or archiving a flag changes what every user sees at once and
// loses its targeting rules; killing a split forces every user onto the default treatment.
import { hasDryRun, pathWords, rule, verbTable, DELETE_WORDS, READ_WORDS } from './verbs.js';
import type { ToolTable } from './types.js';

export const FLIPT: ToolTable = verbTable({
  name: 'flipt',
  commands: ['flipt'],
  valued: ['--namespace', '-n', '--config', '--address', '--token'],
  destroy: DELETE_WORDS,
  read: [...READ_WORDS, 'export'],
  extra: [
    rule('flipt.import-drop', 'destructive', 'replace-data', 'flipt import --drop: drops every existing flag before importing', (inv) => {
      const w = pathWords(inv, { valued: ['--namespace', '-n', '--config', '--address', '--token'] });
      return w[0] === 'import' && inv.args.includes('--drop') && !hasDryRun(inv.args, ['--dry-run']);
    }, { match: ['flipt import --drop flags.yml'], no_match: ['flipt import flags.yml', 'flipt export -o flags.yml'] }),
  ],
  examples: {
    destroy: { match: ['flipt flag delete checkout-v2', 'flipt segment delete internal-testers --namespace prod'], no_match: ['flipt flag list', 'flipt flag create --key dark-mode'] },
    read: { match: ['flipt flag list --namespace prod', 'flipt evaluate --flag dark-mode --entity u-9'], no_match: ['flipt flag delete dark-mode', 'flipt migrate'] },
  },
});

export const UNLEASH: ToolTable = verbTable({
  name: 'unleash',
  commands: ['unleash'],
  valued: ['--project', '-p', '--environment', '-e', '--url', '--token'],
  destroy: [...DELETE_WORDS, 'archive'],
  read: READ_WORDS,
  examples: {
    destroy: { match: ['unleash features delete new-checkout', 'unleash features archive old-banner --project web'], no_match: ['unleash features enable new-checkout', 'unleash projects list'] },
    read: { match: ['unleash features list --project web', 'unleash environments list'], no_match: ['unleash features create --name beta-search', 'unleash projects delete web'] },
  },
});

export const LDCLI: ToolTable = verbTable({
  name: 'ldcli',
  commands: ['ldcli'],
  valued: ['--project', '--environment', '--access-token', '--base-uri', '-o', '--output'],
  destroy: [...DELETE_WORDS, 'archive'],
  read: READ_WORDS,
  examples: {
    destroy: { match: ['ldcli flags delete checkout-v2 --project shop', 'ldcli flags archive old-banner --project shop'], no_match: ['ldcli flags get checkout-v2', 'ldcli flags update checkout-v2 --name v2'] },
    read: { match: ['ldcli flags list --project shop', 'ldcli environments get production'], no_match: ['ldcli environments delete qa --project shop', 'ldcli segments create --name vip'] },
  },
});

export const SPLIT: ToolTable = verbTable({
  name: 'split',
  // Coreutils' split also answers to "split"; the local table that claims it first decides those.
  commands: ['split-cli', 'split'],
  valued: ['--workspace', '-w', '--environment', '--apikey'],
  destroy: [...DELETE_WORDS, 'kill'],
  read: READ_WORDS,
  examples: {
    destroy: { match: ['split-cli splits delete new-pricing --workspace web', 'split-cli splits kill new-pricing --workspace web'], no_match: ['split-cli splits get new-pricing', 'split-cli splits create --name new-pricing'] },
    read: { match: ['split-cli splits list --workspace web', 'split-cli traffic-types get account'], no_match: ['split-cli workspaces delete web', 'split-cli environments create --name qa'] },
  },
});

export const FLAG_TABLES: ToolTable[] = [FLIPT, UNLEASH, LDCLI, SPLIT];
