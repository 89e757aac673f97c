// Hosting platforms: Heroku, Fly.io, Vercel, Netlify, Railway, Firebase. Destroying an app, a
// volume or a database, resetting a database, or scaling to zero takes the service or its data out.
import { afterVerb, carryWords } from './carry.js';
import { pathWords, rule, verbTable, DELETE_WORDS, READ_WORDS } from './verbs.js';
import type { Invocation, ToolTable } from './types.js';

const zeroScale = (inv: Invocation) => inv.args.some((a) => /^[a-z][\w-]*=0(:|$)/i.test(a));

const HEROKU_VALUED = ['-a', '--app', '-r', '--remote', '--confirm', '-s', '--size', '-e', '--env', '--type', '-c', '--command', '-n', '--num'];
export const HEROKU: ToolTable = verbTable({
  name: 'heroku',
  commands: ['heroku'],
  valued: HEROKU_VALUED,
  // pg:reset empties the database; pg:backups:restore overwrites it; maintenance:on takes the app offline.
  localNouns: ['plugins', 'auth', 'autocomplete', 'update'],
  destroy: [...DELETE_WORDS, 'reset', 'restore', 'maintenance:on', 'killall', 'unset'],
  read: [...READ_WORDS, 'info', 'logs', 'diagnose', 'credentials:url'],
  bare: ['apps', 'ps', 'config', 'releases', 'domains', 'addons', 'pg', 'pg:backups', 'drains', 'features', 'regions', 'stacks', 'access', 'buildpacks', 'maintenance'],
  change: ['config:set', 'ps:restart', 'ps:scale', 'releases:rollback', 'apps:create', 'addons:create', 'domains:add', 'run', 'run:detached', 'maintenance:off', 'git:remote', 'login', 'pg:promote'],
  extra: [
    rule('heroku.scale-zero', 'destructive', 'stop-service', 'heroku ps:scale web=0 stops every dyno of that type', (inv) => pathWords(inv, { valued: HEROKU_VALUED })[0] === 'ps:scale' && zeroScale(inv),
      { match: ['heroku ps:scale web=0 -a shop'], no_match: ['heroku ps:scale web=2 -a shop'] }),
    rule('heroku.psql', 'mutating', 'run-sql', 'heroku pg:psql: the SQL it carries decides; without -c it is an interactive session', (inv, ctx) => {
      if (pathWords(inv, { valued: HEROKU_VALUED })[0] !== 'pg:psql') return null;
      const i = inv.args.findIndex((a) => a === '-c' || a === '--command');
      if (i < 0) return inv.stdin !== undefined ? { risk: ctx.sql(inv.stdin, 'postgresql').risk, explanation: 'heroku pg:psql: runs the SQL on stdin' } : null;
      const r = ctx.sql(inv.args[i + 1] ?? '', 'postgresql');
      return { risk: r.risk, explanation: `heroku pg:psql -c: ${r.summary}` };
    }, { match: ['heroku pg:psql -a shop -c "DELETE FROM carts"'], no_match: ['heroku pg:info -a shop'] }),
    rule('heroku.run', 'unknown', 'run-command', 'heroku run: runs a command in a one-off dyno; the command decides', (inv, ctx) => {
      if (pathWords(inv, { valued: HEROKU_VALUED })[0] !== 'run') return null;
      const words = afterVerb(inv.args, 'run', HEROKU_VALUED);
      if (words === null) return null;
      // `heroku run CMD -a APP`: the app option may follow the command; it is heroku's, not CMD's.
      const own: string[] = [];
      for (let i = 0; i < words.length; i++) {
        if (i > 0 && ['-a', '--app', '-r', '--remote'].includes(words[i] ?? '')) i++;
        else own.push(words[i] ?? '');
      }
      return carryWords(inv, ctx, own, 'heroku run');
    }, { match: ['heroku run rake db:migrate -a shop', "heroku run 'rm -rf /app/tmp' -a shop"], no_match: ['heroku logs --tail -a shop'] }),
  ],
  examples: {
    destroy: { match: ['heroku apps:destroy --app shop --confirm shop', 'heroku pg:reset DATABASE_URL --confirm shop', 'heroku addons:destroy heroku-redis -a shop', 'heroku maintenance:on -a shop'], no_match: ['heroku config:set DEBUG=0 -a shop', 'heroku apps'] },
    read: { match: ['heroku apps', 'heroku logs --tail -a shop', 'heroku pg:info -a shop', 'heroku config -a shop'], no_match: ['heroku pg:backups:restore b101 DATABASE_URL -a shop', 'heroku config:set DEBUG=1 -a shop'] },
  },
});

const FLY_VALUED = ['-a', '--app', '-c', '--config', '-r', '--region', '-C', '--command', '--image', '-s', '--select', '--vm-size', '--process-group'];
export const FLY: ToolTable = verbTable({
  name: 'fly',
  commands: ['fly', 'flyctl'],
  valued: FLY_VALUED,
  // `ips release` gives the address up; `machine stop` takes the machine down.
  localNouns: ['auth', 'config', 'wireguard', 'tokens'],
  destroy: [...DELETE_WORDS, 'stop', 'suspend', 'release', 'detach', 'unset'],
  read: [...READ_WORDS, 'status', 'logs', 'doctor', 'dashboard', 'open', 'platform', 'version', 'releases'],
  change: ['deploy', 'launch', 'create', 'set', 'import', 'restart', 'start', 'update', 'clone', 'extend', 'fork', 'attach', 'allocate-v4', 'allocate-v6', 'console', 'proxy', 'sftp', 'rollback', 'scale'],
  extra: [
    rule('fly.scale-zero', 'destructive', 'stop-service', 'fly scale count 0 stops every machine', (inv) => {
      const w = pathWords(inv, { valued: FLY_VALUED });
      return w[0] === 'scale' && w[1] === 'count' && (w[2] === '0' || zeroScale(inv));
    }, { match: ['fly scale count 0 -a shop'], no_match: ['fly scale count 3 -a shop'] }),
    rule('fly.ssh-command', 'unknown', 'run-remote', 'fly ssh console -C runs a command on the machine', (inv, ctx) => {
      const i = inv.args.findIndex((a) => a === '-C' || a === '--command');
      if (i < 0 || !inv.args.includes('ssh')) return null;
      return carryWords(inv, ctx, [inv.args[i + 1] ?? ''], 'fly ssh console');
    }, { match: ['fly ssh console -a shop -C "ls /data"'], no_match: ['fly ssh console -a shop'] }),
  ],
  examples: {
    destroy: { match: ['fly apps destroy shop --yes', 'fly volumes destroy vol_3xk --yes', 'fly machine destroy 148e --force', 'fly secrets unset STRIPE_KEY -a shop'], no_match: ['fly deploy -a shop', 'fly volumes list -a shop'] },
    read: { match: ['fly status -a shop', 'fly logs -a shop', 'fly volumes list -a shop'], no_match: ['fly ips release 203.0.113.9 -a shop', 'fly secrets set A=1 -a shop'] },
  },
});

export const VERCEL: ToolTable = verbTable({
  name: 'vercel',
  commands: ['vercel', 'vc'],
  valued: ['--token', '-t', '--scope', '-S', '--cwd', '-A', '--local-config', '-e', '--env', '-b', '--build-env', '-m', '--meta', '--target'],
  localNouns: ['login', 'logout', 'telemetry'],
  destroy: DELETE_WORDS,
  read: [...READ_WORDS, 'ls', 'inspect', 'logs', 'whoami', 'open'],
  change: ['deploy', 'add', 'pull', 'link', 'login', 'logout', 'promote', 'rollback', 'redeploy', 'set', 'switch', 'build', 'dev', 'init', 'bisect'],
  examples: {
    destroy: { match: ['vercel remove shop-preview --yes', 'vercel rm shop --safe', 'vercel project rm shop'], no_match: ['vercel deploy --prod', 'vercel ls shop'] },
    read: { match: ['vercel ls shop', 'vercel inspect shop-abc123.vercel.app', 'vercel whoami'], no_match: ['vercel domains rm shop.example.org', 'vercel --prod'] },
  },
});

export const NETLIFY: ToolTable = verbTable({
  name: 'netlify',
  commands: ['netlify', 'ntl'],
  valued: ['--site', '--auth', '-d', '--dir', '-f', '--functions', '-m', '--message', '--alias', '--context', '--filter'],
  destroy: [...DELETE_WORDS, 'unset', 'disable'],
  read: [...READ_WORDS, 'status', 'open', 'logs', 'list', 'watch'],
  change: ['deploy', 'init', 'link', 'unlink', 'login', 'build', 'dev', 'env:set', 'env:import', 'sites:create', 'functions:create', 'serve', 'switch'],
  examples: {
    destroy: { match: ['netlify sites:delete 2b7f --force', 'netlify env:unset STRIPE_KEY'], no_match: ['netlify deploy --prod', 'netlify status'] },
    read: { match: ['netlify status', 'netlify sites:list', 'netlify env:list'], no_match: ['netlify env:set A 1', 'netlify sites:delete 2b7f'] },
  },
});

const RAILWAY_VALUED = ['-s', '--service', '-e', '--environment', '-p', '--project'];
export const RAILWAY: ToolTable = verbTable({
  name: 'railway',
  commands: ['railway'],
  valued: RAILWAY_VALUED,
  // `railway down` removes the latest deployment: the service stops serving.
  destroy: [...DELETE_WORDS, 'down', 'unlink'],
  read: [...READ_WORDS, 'status', 'logs', 'whoami', 'open', 'docs', 'variables'],
  change: ['up', 'deploy', 'init', 'link', 'add', 'login', 'logout', 'redeploy', 'run', 'shell', 'connect'],
  extra: [
    rule('railway.variables-set', 'mutating', 'set-variables', 'railway variables --set changes service variables', (inv) => inv.args[0] === 'variables' && inv.args.some((a) => a === '--set' || a.startsWith('--set=')),
      { match: ['railway variables --set LOG_LEVEL=debug'], no_match: ['railway variables'] }),
    rule('railway.run', 'unknown', 'run-command', 'railway run: runs a command with the project variables; the command decides', (inv, ctx) => {
      if (inv.args[0] !== 'run') return null;
      const words = afterVerb(inv.args, 'run', RAILWAY_VALUED);
      return words === null ? null : carryWords(inv, ctx, words, 'railway run');
    }, { match: ['railway run npm run migrate', 'railway run -- psql -c "select 1"'], no_match: ['railway up'] }),
  ],
  examples: {
    destroy: { match: ['railway down --yes', 'railway delete --yes'], no_match: ['railway up --detach', 'railway status'] },
    read: { match: ['railway status', 'railway logs --deployment', 'railway variables'], no_match: ['railway down', 'railway link'] },
  },
});

export const FIREBASE: ToolTable = verbTable({
  name: 'firebase',
  commands: ['firebase'],
  valued: ['--project', '-P', '--token', '--only', '--except', '-m', '--message', '--instance', '--data', '-d', '--config', '-c', '--shallow'],
  // database:set replaces everything at the path; hosting:disable takes the site down.
  destroy: [...DELETE_WORDS, 'disable', 'database:set', 'unset'],
  read: [...READ_WORDS, 'get', 'log', 'list', 'profile', 'open', 'export', 'versions:list'],
  change: ['deploy', 'init', 'use', 'login', 'logout', 'serve', 'emulators:start', 'emulators:exec', 'database:push', 'database:update', 'auth:import', 'hosting:clone', 'target:apply', 'functions:config:set', 'setup:emulators:firestore'],
  examples: {
    destroy: { match: ['firebase firestore:delete --all-collections --project shop', 'firebase database:remove /users --project shop', 'firebase hosting:disable --project shop', 'firebase database:set /config cfg.json'], no_match: ['firebase deploy --only hosting', 'firebase projects:list'] },
    read: { match: ['firebase projects:list', 'firebase database:get /config', 'firebase functions:log --only resize'], no_match: ['firebase functions:delete resize', 'firebase deploy'] },
  },
});

export const PAAS_TABLES: ToolTable[] = [HEROKU, FLY, VERCEL, NETLIFY, RAILWAY, FIREBASE];
