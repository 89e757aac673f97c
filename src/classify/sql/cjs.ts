// CommonJS packages (node-sql-parser) are required synchronously so classification stays sync.
import { createRequire } from 'node:module';

export const requireCjs = createRequire(import.meta.url);
