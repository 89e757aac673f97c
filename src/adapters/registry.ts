// Loads one host adapter by name. Lazy, so `countersign hook <host>` loads only its own adapter.
import type { HostAdapter, HostName } from './types.js';

export async function loadAdapter(host: HostName): Promise<HostAdapter> {
  switch (host) {
    case 'claude-code':
      return (await import('./claude-code/index.js')).claudeCode;
    case 'cursor':
      return (await import('./cursor/index.js')).cursor;
    case 'gemini':
      return (await import('./gemini/index.js')).gemini;
    case 'codex':
      return (await import('./codex/index.js')).codex;
    case 'kiro':
      return (await import('./kiro/index.js')).kiro;
  }
}
