// What the HTTP server is built from.
import type { HttpHookHandler } from '../adapters/http-hooks.js';
import type { Engine } from '../engine/index.js';
import type { Authenticate } from './auth.js';

export type ServerDeps = {
  engine: Engine;
  authenticate: Authenticate;
  /** Host hooks answered over HTTP, mounted at POST /v1/hooks/<host>. */
  hooks: Record<string, HttpHookHandler>;
  bodyLimit: number;
  /** Longest `?wait=` long-poll. */
  maxWaitMs: number;
  /** The dashboard's built files (web/dist); a placeholder page is served when absent. */
  staticDir?: string;
};
