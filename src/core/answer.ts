// The answer to a proposed action, as the HTTP API and every host adapter see it (docs/http-api.md).
import type { Action } from './action.js';
import type { Risk } from './risk.js';
import type { RequestStatus } from './request.js';

export type SubmitInput = {
  action: Action;
  /** A hint only: the server resolves the target from the context, never from the agent's claim. */
  target?: string;
  context?: { cwd?: string; session?: string; host?: string };
};

export type SubmitAnswer = {
  id: string;
  status: 'allowed' | 'denied' | 'pending';
  risk: Risk;
  reasons: string[];
  approval?: { count: number; roles: string[]; have: number; expiresAt: number; url: string };
};

/** What a waiting client learns about a request it submitted. */
export type RequestOutcome = { id: string; status: RequestStatus; reasons: string[] };
