// One catalogue of stable error codes. Every message says what happened, why, and what to do next.
// Add codes here; never reuse or rename one (clients and tests key on them).

export const ERRORS = {
  // input
  E_BAD_JSON: { status: 400, message: 'The request body is not valid JSON. Send a JSON object.' },
  E_BAD_INPUT: { status: 400, message: 'The input does not have the expected shape.' },
  E_UNKNOWN_FIELD: { status: 400, message: 'The input has a field Countersign does not know. Remove it.' },
  E_TOO_LARGE: { status: 413, message: 'The input is larger than the configured limit.' },
  E_EMPTY_INPUT: { status: 400, message: 'The input is empty.' },
  E_INVALID_UTF8: { status: 400, message: 'The input is not valid UTF-8.' },
  E_UNSUPPORTED_KIND: { status: 400, message: 'The action kind is not supported.' },
  // classification
  E_PARSE: { status: 422, message: 'The action could not be parsed; it is treated as unknown.' },
  E_TOO_DEEP: { status: 422, message: 'The action nests deeper than the classifier follows; it is treated as unknown.' },
  E_TOO_MUCH_WORK: { status: 422, message: 'The action needs more work than one classification may take; it is treated as unknown.' },
  E_PLAN_SHAPE: { status: 422, message: 'The Terraform plan JSON does not have the shape of `terraform show -json` output.' },
  // auth
  E_UNAUTHENTICATED: { status: 401, message: 'No valid token. Send `Authorization: Bearer <token>`.' },
  E_WRONG_PRINCIPAL_KIND: { status: 403, message: 'This token belongs to the wrong kind of principal for this call.' },
  E_FORBIDDEN: { status: 403, message: 'This principal may not do that.' },
  // approvals
  E_NOT_FOUND: { status: 404, message: 'No such request.' },
  E_SELF_APPROVAL: { status: 403, message: 'The requester cannot approve its own request.' },
  E_OPERATOR_APPROVAL: { status: 403, message: "The requesting agent's operator cannot approve the agent's request." },
  E_AGENT_APPROVAL: { status: 403, message: 'Agents can never approve or reject requests.' },
  E_ROLE_REQUIRED: { status: 403, message: 'The approver does not hold a role this request requires.' },
  E_ALREADY_APPROVED: { status: 409, message: 'This person has already approved this request.' },
  E_NOT_PENDING: { status: 409, message: 'The request is no longer pending.' },
  E_EXPIRED: { status: 409, message: 'The request has expired.' },
  E_REASON_REQUIRED: { status: 400, message: 'A reason is required.' },
  E_CONFLICT: { status: 409, message: 'The request changed concurrently; retry.' },
  // policy / config
  E_POLICY_PARSE: { status: 400, message: 'The policy could not be parsed.' },
  E_POLICY_INVALID: { status: 400, message: 'The policy is invalid.' },
  E_POLICY_EXAMPLE: { status: 400, message: 'A rule example did not behave as the rule says it should.' },
  E_CONFIG_PARSE: { status: 400, message: 'The configuration could not be parsed.' },
  E_CONFIG_INVALID: { status: 400, message: 'The configuration is invalid.' },
  // runtime
  E_RATE_LIMITED: { status: 429, message: 'The agent is over its rate limit.' },
  E_BREAKER_OPEN: { status: 429, message: 'The agent repeated the same action too often and is paused.' },
  E_BUDGET_EXHAUSTED: { status: 429, message: 'The hourly budget of destructive actions is used up.' },
  E_FROZEN: { status: 503, message: 'Countersign is frozen: every new action waits until an admin thaws it.' },
  E_STORE: { status: 503, message: 'The store could not be written; nothing was allowed.' },
  E_AUDIT_WRITE: { status: 503, message: 'The audit entry could not be written, so the action is not allowed.' },
  E_INTERNAL: { status: 500, message: 'Internal error; the action is not allowed.' },
  E_UNAVAILABLE: { status: 503, message: 'The Countersign server could not be reached; the action is not allowed.' },
  E_TIMEOUT: { status: 504, message: 'No decision in time; the action is not allowed.' },
  E_CHAIN_BROKEN: { status: 500, message: 'The audit chain does not verify.' },
  E_NOT_BUILT: { status: 500, message: 'Countersign is not built yet. Run `npm ci && npm run build`.' },
  E_USAGE: { status: 400, message: 'The command line is not valid. See `countersign --help`.' },
  // recovery points (src/broker/recovery)
  E_RECOVERY_CORRUPT: { status: 409, message: 'The recovery point does not match its checksums or its audited digest, so it is not restored.' },
  E_RECOVERY_MISSING: { status: 404, message: 'There is no usable recovery point for this request.' },
  E_RECOVERY_TOO_LARGE: { status: 413, message: 'The recovery point would be larger than the target\'s recovery.max_bytes.' },
  E_RECOVERY_FAILED: { status: 500, message: 'The recovery point could not be taken or restored.' },
  E_NOT_EMPTY: { status: 409, message: 'The destination already holds Countersign data; copying goes only into an empty database.' },
} as const;

export type ErrorCode = keyof typeof ERRORS;

/** An error with a stable code. `detail` says what happened in this instance and what to do next. */
export class CountersignError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly data?: Record<string, unknown>;
  constructor(code: ErrorCode, detail?: string, data?: Record<string, unknown>) {
    super(detail ? `${ERRORS[code].message} ${detail}` : ERRORS[code].message);
    this.name = 'CountersignError';
    this.code = code;
    this.status = ERRORS[code].status;
    if (data) this.data = data;
  }
  toJSON(): { code: ErrorCode; message: string } {
    return { code: this.code, message: this.message };
  }
}

export function isCountersignError(e: unknown): e is CountersignError {
  return e instanceof CountersignError;
}
