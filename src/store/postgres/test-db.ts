// Tests run against the local PostgreSQL (127.0.0.1:5432, trust auth), each in a fresh schema of
// database `test` that is dropped afterwards. COUNTERSIGN_TEST_PG overrides the server URL.
import { randomBytes } from 'node:crypto';
import pg from 'pg';

export const PG_URL = process.env['COUNTERSIGN_TEST_PG'] ?? 'postgres://postgres@127.0.0.1:5432/test';

export function freshSchemaName(prefix = 'cs_test'): string {
  return `${prefix}_${randomBytes(6).toString('hex')}`;
}

export async function dropSchema(schema: string, url = PG_URL): Promise<void> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    await c.query(`DROP SCHEMA IF EXISTS ${c.escapeIdentifier(schema)} CASCADE`);
  } finally {
    await c.end();
  }
}
