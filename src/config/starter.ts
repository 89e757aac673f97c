// The starter config `countersign init` writes: three environments, the demo team (an admin, three
// seniors, an engineer, an agent operated by one of the seniors), a production and a staging target
// under DIR/workspaces, and the starter policy. Fresh tokens are returned once; only their hashes
// go into the file.
import { join } from 'node:path';
import { starterPolicyYaml } from './starter-policy.js';
import { hashToken, newToken } from './tokens.js';

export type StarterPrincipal = { id: string; kind: 'human' | 'agent'; name: string; roles?: string[]; operator?: string; token: string };
export type StarterTarget = { id: string; environment: string; description: string; match: { cwd_prefix: string[]; db_host: string[]; kube_context: string[]; profile: string[] } };
export type Starter = { yaml: string; principals: StarterPrincipal[]; targets: StarterTarget[]; url: string };

const TEAM: Omit<StarterPrincipal, 'token'>[] = [
  { id: 'admin', kind: 'human', name: 'Admin', roles: ['admin'] },
  { id: 'senior-a', kind: 'human', name: 'Senior A', roles: ['senior'] },
  { id: 'senior-b', kind: 'human', name: 'Senior B', roles: ['senior'] },
  { id: 'senior-c', kind: 'human', name: 'Senior C', roles: ['senior'] },
  { id: 'engineer', kind: 'human', name: 'Engineer', roles: ['engineer'] },
  // Operated by a senior on purpose: that senior's approval never counts for this agent's requests.
  { id: 'agent-1', kind: 'agent', name: 'Coding agent', operator: 'senior-a' },
];

export function starterConfig(opts: { dir: string; listen?: string; tokens?: (kind: 'agent' | 'human') => string }): Starter {
  const mint = opts.tokens ?? newToken;
  const listen = opts.listen ?? '127.0.0.1:7300';
  const principals = TEAM.map((p) => ({ ...p, token: mint(p.kind) }));
  const targets: StarterTarget[] = [
    {
      id: 'prod',
      environment: 'production',
      description: 'the production workspace, database, cluster and cloud account',
      match: { cwd_prefix: [join(opts.dir, 'workspaces', 'prod')], db_host: ['prod-db.internal'], kube_context: ['prod-cluster'], profile: ['prod'] },
    },
    {
      id: 'staging',
      environment: 'staging',
      description: 'the staging workspace, database, cluster and cloud account',
      match: { cwd_prefix: [join(opts.dir, 'workspaces', 'staging')], db_host: ['staging-db.internal'], kube_context: ['staging-cluster'], profile: ['staging'] },
    },
  ];
  const human = (p: StarterPrincipal): string =>
    `    - {id: ${p.id}, name: ${p.name}, roles: [${p.roles!.join(', ')}], token_sha256: ${hashToken(p.token)}}`;
  const agent = (p: StarterPrincipal): string =>
    `    - {id: ${p.id}, name: ${p.name}, operator: ${p.operator}, token_sha256: ${hashToken(p.token)}}`;
  const target = (t: StarterTarget): string => `  - id: ${t.id}
    environment: ${t.environment}
    description: ${t.description}
    match:
      cwd_prefix: [${JSON.stringify(t.match.cwd_prefix[0])}]
      db_host: [${t.match.db_host.join(', ')}]
      kube_context: [${t.match.kube_context.join(', ')}]
      profile: [${t.match.profile.join(', ')}]
    # credentials:                    # what the broker injects into an approved action
    #   env_from: {PGPASSWORD: ${t.id.toUpperCase()}_DB_PASSWORD}   # copied from Countersign's own environment
    # recovery: {}                    # how the broker takes a recovery point first (free-form for now)`;

  const yaml = `# Countersign configuration, written by \`countersign init\`.
# Every key is described in docs/config.md; the rule language in docs/policy.md.
# Tokens are stored as SHA-256 hashes only; \`countersign init\` printed the tokens once.
version: 1

server:
  listen: ${listen}
  # public_url: https://countersign.example.com   # the address approvers open; default http://<listen>
  body_limit: 1MiB
  wait_max_seconds: 300
  hook_wait_seconds: 60

data_dir: data   # relative to this file: the SQLite database, audit checkpoints and their key

# Actions whose context no target claims land here, so it must be protected.
default_environment: production

environments:
  production:
    protected: true
    default: {approve: {count: 2, roles: [senior], ttl: 30m}}
  staging:
    protected: false
    default: allow
  dev:
    protected: false
    default: allow

principals:
  humans:
${principals.filter((p) => p.kind === 'human').map(human).join('\n')}
  agents:
${principals.filter((p) => p.kind === 'agent').map(agent).join('\n')}

targets:
${targets.map(target).join('\n')}

${starterPolicyYaml()}
limits:
  rate_per_minute: 600          # per agent
  breaker: {repeats: 20, window_seconds: 60, pause_seconds: 300}   # same action repeated: pause the agent
  destructive_per_hour: 60      # per agent
`;
  return { yaml, principals, targets, url: `http://${listen}` };
}
