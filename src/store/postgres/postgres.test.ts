import { runStoreConformance } from '../conformance.js';
import { openPostgresStore } from './index.js';
import { PG_URL, dropSchema, freshSchemaName } from './test-db.js';

runStoreConformance('postgres', async () => {
  const schema = freshSchemaName();
  return {
    store: await openPostgresStore({ url: PG_URL, schema }),
    reopen: () => openPostgresStore({ url: PG_URL, schema }),
    cleanup: () => dropSchema(schema),
  };
});
