// Principals: humans (with roles) and agents (each naming its human operator).
// An agent is never its operator: it cannot approve anything, and its operator's approval of the
// agent's own requests never counts (the December 2025 failure).

export type Human = { kind: 'human'; id: string; roles: string[]; name?: string };
export type Agent = { kind: 'agent'; id: string; operator: string; name?: string };
export type Principal = Human | Agent;

/** A target: something agents act on, with the environment it lives in. */
export type Target = {
  id: string;
  environment: string;
  description?: string;
  /** How Countersign recognises the target from an action's context; never from the agent's claim. */
  match?: {
    cwd_prefix?: string[];
    db_host?: string[];
    kube_context?: string[];
    profile?: string[];
    mcp_server?: string[];
  };
  /** Credentials the broker injects into an approved action (never given to the agent). */
  credentials?: { env?: Record<string, string>; env_from?: Record<string, string>; files?: Record<string, string> };
  /** Recovery point settings (see the broker). */
  recovery?: Record<string, unknown>;
};
