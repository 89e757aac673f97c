// Tables for local tools: files, system, git, containers, database CLIs, package managers, network.
import type { ToolTable } from './types.js';

export const LOCAL_TABLES: ToolTable[] = [];
