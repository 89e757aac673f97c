// The decisions the hosting and database-platform tables make, as whole risk levels through the
// real walker. Each row is a judgement written down: if one changes, the change is deliberate and
// shows up here.
import { test } from 'node:test';
import { checkRisks, loadWalker } from './risk-rows.js';

loadWalker();

const check = checkRisks;

test('hosting platforms: heroku, fly, vercel, netlify, railway, firebase', () => {
  check([
    ["heroku apps:destroy shop --confirm shop", 'destructive'],
    ["heroku pg:reset DATABASE_URL --confirm shop", 'destructive'],
    ["heroku ps:scale web=0 -a shop", 'destructive'],
    ["heroku ps:scale web=2 -a shop", 'mutating'],
    ["heroku logs --tail -a shop", 'readonly'],
    ["heroku config:set DEBUG=1 -a shop", 'mutating'],
    ["heroku run rails db:drop -a shop", 'destructive'],
    ["heroku run \"rm -rf /app/storage\" -a shop", 'destructive'],
    ["heroku pg:psql -a shop -c \"DROP TABLE orders\"", 'destructive'],
    ["fly apps destroy shop --yes", 'destructive'],
    ["fly deploy", 'mutating'],
    ["fly status", 'readonly'],
    ["fly scale count 0", 'destructive'],
    ["vercel rm shop --yes", 'destructive'],
    ["vercel --prod", 'mutating'],
    ["vercel env rm STRIPE_KEY production", 'destructive'],
    ["vercel env ls", 'readonly'],
    ["netlify sites:delete 123 --force", 'destructive'],
    ["netlify deploy --prod", 'mutating'],
    ["railway down", 'destructive'],
    ["railway up", 'mutating'],
    ["firebase firestore:delete --all-collections", 'destructive'],
    ["firebase deploy --only functions", 'mutating'],
  ]);
});

test('database platforms: supabase, neon, planetscale, turso, bq', () => {
  check([
    ["supabase db reset", 'destructive'],
    ["supabase db push", 'mutating'],
    ["supabase status", 'readonly'],
    ["neonctl branches delete dev", 'destructive'],
    ["pscale branch delete shop dev", 'destructive'],
    ["turso db destroy shop", 'destructive'],
    ["bq rm -r -f shop", 'destructive'],
    ["bq query \"SELECT count(*) FROM shop.orders\"", 'readonly'],
    ["bq query --use_legacy_sql=false \"DROP TABLE shop.orders\"", 'destructive'],
    ["bq ls", 'readonly'],
  ]);
});
