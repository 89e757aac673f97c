// Application frameworks and migration tools that drop or reset databases: Rails/rake, Laravel
// artisan, Django, Prisma, Sequelize, knex, TypeORM, drizzle-kit, Alembic, Flyway, Liquibase,
// dbmate, golang-migrate. "Reset the dev database" is one command away from "drop production",
// so drops, resets, wipes and rollbacks are destructive; forward migrations are mutating.
import { defineLocalTable } from './table.js';
import type { Invocation, ToolTable } from './types.js';

type Judge = { destroy: RegExp; read?: RegExp; code?: RegExp };

// The verb is the first word that is not an option; for Django and artisan scripts the walker
// hands us the script name, so `manage.py flush` and `artisan migrate:fresh` read the same way.
const TOOLS: Record<string, Judge> = {
  rails: { destroy: /^db:(drop(:all)?|reset|purge|schema:load|structure:load|setup|migrate:reset|migrate:redo|migrate:down|rollback|truncate_all|seed:replant|environment:set)$/, read: /^(routes|about|stats|notes|db:version|db:migrate:status|-T|--tasks|version|credentials:show)$/, code: /^(runner|r|console|c|dbconsole|db)$/ },
  artisan: { destroy: /^(migrate:(fresh|reset|refresh|rollback)|db:wipe|queue:flush|queue:clear)$/, read: /^(list|route:list|migrate:status|about|env|--version|schedule:list|model:show|db:show|db:table)$/, code: /^(tinker|db)$/ },
  'manage.py': { destroy: /^(flush|reset_db|sqlflush_apply|drop_test_database)$/, read: /^(showmigrations|check|sqlmigrate|sqlflush|diffsettings|inspectdb|help|version|show_urls)$/, code: /^(shell|dbshell|runscript|shell_plus)$/ },
  prisma: { destroy: /^(migrate reset|db push --force-reset|db push --accept-data-loss)$/, read: /^(version|-v|validate|format --check|migrate status|migrate diff|help|)$/, code: /^(db execute)$/ },
  sequelize: { destroy: /^(db:drop|db:migrate:undo(:all)?|db:seed:undo(:all)?)$/, read: /^(db:migrate:status|help|version)$/ },
  knex: { destroy: /^(migrate:(rollback|down|unlock)|seed:run --specific)$/, read: /^(migrate:(status|list|currentVersion))$/ },
  typeorm: { destroy: /^(schema:drop|schema:sync|migration:revert|cache:clear)$/, read: /^(schema:log|migration:show|version|query --dry)$/, code: /^(query)$/ },
  'drizzle-kit': { destroy: /^(drop|push --force)$/, read: /^(check|introspect|pull|studio|up|--version)$/ },
  alembic: { destroy: /^(downgrade|stamp)$/, read: /^(current|history|heads|branches|show|check)$/ },
  flyway: { destroy: /^(clean|undo|repair)$/, read: /^(info|validate|check|version|-v)$/ },
  liquibase: { destroy: /^(drop-all|dropAll|rollback.*|rollbackCount|rollbackToDate|rollback-count|rollback-to-date|clear-checksums)$/, read: /^(status|history|validate|diff|snapshot|update-sql|db-doc|--version)$/ },
  dbmate: { destroy: /^(drop|rollback|down)$/, read: /^(status|--help|-v)$/ },
  migrate: { destroy: /^(drop|down|force)$/, read: /^(version|-version)$/ },
};
const ALIASES: Record<string, string> = { rake: 'rails', 'django-admin': 'manage.py', 'sequelize-cli': 'sequelize', 'typeorm-ts-node-commonjs': 'typeorm', 'typeorm-ts-node-esm': 'typeorm' };

// Options of these tools that take a value, so the value is not read as the verb.
const VALUED = new Set(['-path', '-source', '-database', '-lock-timeout', '-prefetch', '--schema', '-e', '--environment', '--env', '--config', '-c', '--url', '-x', '-n', '--name', '-d', '--dataSource', '--connection', '--settings', '--database', '--knexfile', '--migrations-path', '--seeders-path', '--models-path', '--options-path', '--url-path', '--migrations-dir', '--schema-file', '-u', '--defaultsFile', '--changelog-file', '--changeLogFile', '--locations', '--target']);

/** "verb" or "verb sub" plus the flags that change what it does, e.g. "db push --force-reset". */
function verbOf(inv: Invocation): { tool: string; verb: string; words: string[] } {
  const tool = ALIASES[inv.name] ?? inv.name;
  const words: string[] = [];
  for (let i = 0; i < inv.args.length; i++) {
    const a = inv.args[i] ?? '';
    if (VALUED.has(a)) i++;
    else if (!a.startsWith('-') || /^--(force-reset|accept-data-loss|force|specific|dry)$/.test(a) || a === '-T') words.push(a);
  }
  const first = words[0] ?? '';
  // Two-word verbs (prisma "migrate reset", typeorm "query"), flags that turn a verb destructive.
  const two = `${first} ${words[1] ?? ''}`.trim();
  const flagged = words.filter((w) => w.startsWith('--'));
  const candidates = [two, `${two} ${flagged.join(' ')}`.trim(), `${first} ${flagged.join(' ')}`.trim(), first];
  const j = TOOLS[tool];
  const verb = (j && candidates.find((c) => j.destroy.test(c) || j.read?.test(c) || j.code?.test(c))) ?? first;
  return { tool, verb, words };
}

export const MIGRATIONS_TABLE: ToolTable = defineLocalTable({
  name: 'migrations',
  commands: [...Object.keys(TOOLS), ...Object.keys(ALIASES)],
  rules: [
    {
      id: 'migrations.drop-or-reset', risk: 'destructive', effect: 'drop-database',
      explain: 'drops, resets, wipes or rolls back a database through the application framework',
      test: (inv) => {
        const { tool, verb, words } = verbOf(inv);
        if (!TOOLS[tool]?.destroy.test(verb)) return null;
        // `migrate -source x -database y down` / alembic "downgrade base": the target follows the verb.
        return { target: words.slice(1).join(' ') || verb, explanation: `${inv.name} ${verb} drops or rewrites database contents` };
      },
      examples: {
        match: ['rails db:drop', 'rake db:reset', 'migrate -path db/migrations -database $DATABASE_URL drop -f', 'rails db:schema:load -e production', 'prisma migrate reset --force', 'prisma db push --accept-data-loss', 'sequelize db:migrate:undo:all', 'alembic downgrade base', 'flyway clean', 'django-admin flush --noinput', 'typeorm schema:drop'],
        no_match: ['rails db:migrate', 'prisma migrate deploy', 'alembic upgrade head', 'flyway info', 'rails routes'],
      },
    },
    {
      id: 'migrations.run-code', risk: 'unknown', effect: 'run-code',
      explain: 'opens a console or runs code against the application and its database',
      test: (inv) => {
        const { tool, verb } = verbOf(inv);
        return TOOLS[tool]?.code?.test(verb) ? { target: verb, explanation: `${inv.name} ${verb} runs code or SQL the classifier cannot see` } : null;
      },
      examples: { match: ['rails runner "User.delete_all"', 'rails console', 'prisma db execute --file wipe.sql'], no_match: ['rails db:migrate'] },
    },
  ],
  fallback: (inv) => {
    const { tool, verb } = verbOf(inv);
    return TOOLS[tool]?.read?.test(verb) || inv.args.length === 0 ? 'readonly' : 'mutating';
  },
});
