// Tables for services reached over the network: HTTP clients (curl, httpie, wget) and SaaS,
// messaging, CDN, feature-flag, observability and CI platform CLIs.
import { FORGE_TABLES } from './forge.js';
import { GRPCURL } from './grpc.js';
import { HTTP_TABLES } from './http.js';
import { CI_TABLES } from './saas-ci.js';
import { DATA_TABLES } from './saas-data.js';
import { EDGE_TABLES } from './saas-edge.js';
import { FLAG_TABLES } from './saas-flags.js';
import { MESSAGING_TABLES } from './saas-messaging.js';
import { OPS_TABLES } from './saas-ops.js';
import type { ToolTable } from './types.js';

export const SERVICE_TABLES: ToolTable[] = [
  ...HTTP_TABLES,
  ...FLAG_TABLES,
  ...EDGE_TABLES,
  ...MESSAGING_TABLES,
  ...DATA_TABLES,
  ...CI_TABLES,
  ...OPS_TABLES,
  ...FORGE_TABLES,
  GRPCURL,
];
