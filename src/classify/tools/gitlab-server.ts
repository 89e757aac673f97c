// A self-managed GitLab's own administration tools. gitlab-rails runs Ruby inside the GitLab
// application (`runner`, `console`): what it does cannot be read here, so it is unknown unless the
// code is plainly a read. gitlab-rake tasks restore backups over the live database or clean up
// data; gitlab-runner unregister takes CI capacity out; gitlab-ctl stop takes the service out.
import { defineTable } from './table.js';
import { rule } from './verbs.js';
import type { ToolTable } from './types.js';

const positional = (args: readonly string[]) => args.filter((a) => !a.startsWith('-'));

export const GITLAB_RAILS: ToolTable = defineTable({
  name: 'gitlab-rails',
  commands: ['gitlab-rails'],
  rules: [
    rule('gitlab-rails.runner', 'unknown', 'run-app-code', 'gitlab-rails runs Ruby inside the GitLab application; its effect cannot be read here', (inv) => {
      const [verb, code] = positional(inv.args);
      if (verb === 'console' || verb === 'c' || verb === 'dbconsole') return true;
      if (verb !== 'runner' && verb !== 'r') return null;
      // A read of counts or lookups is fine; anything else is code we cannot judge.
      return code !== undefined && /^[\w.:()'" ]+\.(count|find|find_by|where|first|last|pluck|exists\?)\b[^;]*$/.test(code) && !/destroy|delete|update|save|drop|truncate/i.test(code) ? null : true;
    }, { match: ['gitlab-rails runner "Project.where(archived: true).destroy_all"', 'gitlab-rails console'], no_match: ['gitlab-rails runner "User.count"', 'gitlab-rails --version'] }),
  ],
  fallback: (inv) => (inv.args.includes('--version') || inv.args.includes('--help') ? 'readonly' : 'mutating'),
});

export const GITLAB_RAKE: ToolTable = defineTable({
  name: 'gitlab-rake',
  commands: ['gitlab-rake'],
  rules: [
    rule('gitlab-rake.destructive-task', 'destructive', 'overwrite-data', 'this GitLab task overwrites or deletes data (a backup restore replaces the live database)', (inv) =>
      inv.args.some((a) => /^gitlab:(backup:restore|cleanup:|db:drop|setup\b|shell:setup|db:reset)|^db:(drop|reset|schema:load)/.test(a)),
    { match: ['gitlab-rake gitlab:backup:restore BACKUP=1700000000', 'gitlab-rake gitlab:cleanup:orphan_job_artifact_files DRY_RUN=false', 'gitlab-rake gitlab:setup'], no_match: ['gitlab-rake gitlab:check', 'gitlab-rake gitlab:backup:create'] }),
    rule('gitlab-rake.read', 'readonly', 'read', 'this GitLab task only checks or reports', (inv) =>
      inv.args.length > 0 && inv.args.every((a) => /^gitlab:(check|env:info|gitlab_shell:check|sidekiq:check|app:check|db:check|doctor:)|^-|=/.test(a)) && inv.args.some((a) => a.startsWith('gitlab:')),
    { match: ['gitlab-rake gitlab:check SANITIZE=true', 'gitlab-rake gitlab:env:info'], no_match: ['gitlab-rake gitlab:backup:restore'] }),
  ],
  fallback: 'mutating',
});

export const GITLAB_RUNNER: ToolTable = defineTable({
  name: 'gitlab-runner',
  commands: ['gitlab-runner'],
  rules: [
    rule('gitlab-runner.take-out', 'destructive', 'take-service-out', 'unregistering or stopping runners takes CI capacity out (re-registering needs a new token)', (inv) => {
      const v = positional(inv.args)[0];
      return v === 'unregister' || v === 'stop' || v === 'uninstall' || v === 'verify' && inv.args.includes('--delete');
    }, { match: ['gitlab-runner unregister --all-runners', 'gitlab-runner unregister --name build-3', 'gitlab-runner verify --delete', 'gitlab-runner stop'], no_match: ['gitlab-runner list', 'gitlab-runner verify', 'gitlab-runner register --non-interactive'] }),
    rule('gitlab-runner.read', 'readonly', 'read', 'lists or checks runners', (inv) => {
      const v = positional(inv.args)[0];
      return (v === 'list' || v === 'status' || (v === 'verify' && !inv.args.includes('--delete'))) ? true : null;
    }, { match: ['gitlab-runner list', 'gitlab-runner status'], no_match: ['gitlab-runner unregister --all-runners'] }),
  ],
  fallback: 'mutating',
});

export const GITLAB_CTL: ToolTable = defineTable({
  name: 'gitlab-ctl',
  commands: ['gitlab-ctl'],
  rules: [
    rule('gitlab-ctl.take-out', 'destructive', 'take-service-out', 'stops or removes GitLab services, or wipes its data (cleanse)', (inv) =>
      ['stop', 'kill', 'cleanse', 'uninstall', 'remove-accounts'].includes(positional(inv.args)[0] ?? ''),
    { match: ['gitlab-ctl stop', 'gitlab-ctl cleanse', 'gitlab-ctl kill sidekiq'], no_match: ['gitlab-ctl status', 'gitlab-ctl restart'] }),
    rule('gitlab-ctl.read', 'readonly', 'read', 'reports on GitLab services', (inv) => ['status', 'tail', 'show-config', 'service-list'].includes(positional(inv.args)[0] ?? ''),
      { match: ['gitlab-ctl status', 'gitlab-ctl tail nginx'], no_match: ['gitlab-ctl reconfigure'] }),
  ],
  fallback: 'mutating',
});

export const GITLAB_TABLES: ToolTable[] = [GITLAB_RAILS, GITLAB_RAKE, GITLAB_RUNNER, GITLAB_CTL];
