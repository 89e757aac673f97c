// Tables for platforms: cloud CLIs, infrastructure as code, Kubernetes, hosting platforms, secrets.
import type { ToolTable } from './types.js';

export const PLATFORM_TABLES: ToolTable[] = [];
