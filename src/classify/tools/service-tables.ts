// Tables for services reached over the network: HTTP clients (curl, httpie, wget) and SaaS,
// messaging, CDN, feature-flag, observability and CI platform CLIs.
import type { ToolTable } from './types.js';

export const SERVICE_TABLES: ToolTable[] = [];
