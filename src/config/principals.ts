// `principals.humans[]` and `principals.agents[]`. Only token hashes are stored. An agent names its
// operator, who must be a human: the agent is its own principal and never borrows the operator's
// standing (the December 2025 failure).
import type { Checker, Path } from '../policy/index.js';
import type { AgentEntry, HumanEntry } from './types.js';

const ID = { pattern: /^[A-Za-z0-9][A-Za-z0-9._@-]{0,127}$/, hint: 'use letters, digits and . _ @ - (at most 128)' };
const HASH = { pattern: /^[0-9a-fA-F]{64}$/, hint: 'expected 64 hex digits, the SHA-256 of the token (countersign init prints tokens and stores hashes)' };

export function parsePrincipals(c: Checker, v: unknown): { humans: HumanEntry[]; agents: AgentEntry[] } | null {
  const path: Path = ['principals'];
  const o = c.obj(v, path, ['humans'], ['agents']);
  if (!o) return null;
  const before = c.issues.length;
  const humans: HumanEntry[] = [];
  const agents: AgentEntry[] = [];
  const ids = new Map<string, string>();
  const hashes = new Map<string, string>();
  const claim = (id: string, hash: string, p: Path): void => {
    if (ids.has(id)) c.fail([...p, 'id'], `id "${id}" is already used by ${ids.get(id)}; every principal needs its own id`);
    ids.set(id, pathTextOf(p));
    if (hashes.has(hash)) c.fail([...p, 'token_sha256'], `the same token hash is used by "${hashes.get(hash)}"; give every principal its own token`);
    hashes.set(hash, id);
  };
  (c.list(o['humans'], [...path, 'humans']) ?? []).forEach((raw, i) => {
    const p = [...path, 'humans', i];
    const h = c.obj(raw, p, ['id', 'roles', 'token_sha256'], ['name']);
    if (!h) return;
    const id = c.str(h['id'], [...p, 'id'], ID);
    const roles = c.list(h['roles'], [...p, 'roles'])?.map((r, j) => c.str(r, [...p, 'roles', j], ID));
    const hash = c.str(h['token_sha256'], [...p, 'token_sha256'], HASH);
    const name = h['name'] === undefined ? undefined : c.str(h['name'], [...p, 'name']);
    if (!id || !roles || roles.some((r) => r === null) || !hash || name === null) return;
    claim(id, hash.toLowerCase(), p);
    humans.push({ kind: 'human', id, roles: [...new Set(roles as string[])], ...(name ? { name } : {}), tokenSha256: hash.toLowerCase() });
  });
  const agentList = o['agents'] === undefined ? [] : c.list(o['agents'], [...path, 'agents']) ?? [];
  agentList.forEach((raw, i) => {
    const p = [...path, 'agents', i];
    const a = c.obj(raw, p, ['id', 'operator', 'token_sha256'], ['name', 'roles']);
    if (!a) return;
    if (a['roles'] !== undefined) c.fail([...p, 'roles'], 'agents have no roles: an agent can never approve anything; remove roles', true);
    const id = c.str(a['id'], [...p, 'id'], ID);
    const operator = c.str(a['operator'], [...p, 'operator'], ID);
    const hash = c.str(a['token_sha256'], [...p, 'token_sha256'], HASH);
    const name = a['name'] === undefined ? undefined : c.str(a['name'], [...p, 'name']);
    if (!id || !operator || !hash || name === null) return;
    if (!humans.some((h) => h.id === operator)) {
      c.fail([...p, 'operator'], `operator "${operator}" is not a human under principals.humans; an agent's operator must be a person`);
    }
    claim(id, hash.toLowerCase(), p);
    agents.push({ kind: 'agent', id, operator, ...(name ? { name } : {}), tokenSha256: hash.toLowerCase() });
  });
  return c.issues.length > before ? null : { humans, agents };
}

function pathTextOf(p: Path): string {
  return `principals.${p[1]}[${p[2]}]`;
}
