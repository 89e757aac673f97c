// The proxy's way to the Countersign server: submit and wait (shared with the command hooks) and
// the tools-changed report. Every failure is an exception the caller turns into "not allowed".
import { CountersignError } from '../../core/index.js';
import { httpPort } from '../client.js';
import type { DecisionPort } from '../decide.js';
import type { ToolsChange } from './tool-watch.js';

export type Api = DecisionPort & { toolsChanged(body: ToolsChange & { server: string; target?: string; session?: string }): Promise<void> };

export function countersignApi(url: string, token: string, timeoutMs = 15_000): Api {
  const port = httpPort({ url, token, submitTimeoutMs: timeoutMs });
  return {
    submit: (input) => port.submit(input),
    wait: (id, ms) => port.wait(id, ms),
    async toolsChanged(body) {
      let res: Response;
      try {
        res = await fetch(`${url.replace(/\/+$/, '')}/v1/mcp/tools-changed`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: JSON.stringify(body),
          signal: AbortSignal.timeout(timeoutMs),
        });
      } catch {
        throw new CountersignError('E_UNAVAILABLE', `Could not reach ${url} to record a changed tool list.`);
      }
      if (!res.ok) throw new CountersignError('E_AUDIT_WRITE', `The changed tool list could not be recorded (HTTP ${res.status}: ${(await res.text()).slice(0, 300)}).`);
    },
  };
}
