// Building blocks for the engine's tests: the starter config with known tokens, a real in-memory
// SQLite store, and a clock the test moves by hand.
import type { Agent, Human } from '../core/index.js';
import { initClassifier } from '../classify/index.js';
import { parseConfig, starterConfig, type Config } from '../config/index.js';
import { openSqliteStore, type SqliteStore } from '../store/sqlite/index.js';
import { createEngine, type Engine } from './index.js';

export const DIR = '/srv/countersign-test';
export const PROD = `${DIR}/workspaces/prod`;
export const STAGING = `${DIR}/workspaces/staging`;

export type Kit = {
  engine: Engine;
  store: SqliteStore;
  clock: { t: number; now(): number };
  config: Config;
  agent: Agent;
  human(id: string): Human;
};

/** `limits` replaces the starter config's limits section (YAML text); `edit` changes the YAML;
 * `store` shares another kit's store (a second engine, e.g. after a policy change). */
export async function kit(opts: { limits?: string; edit?: (yaml: string) => string; store?: SqliteStore } = {}): Promise<Kit> {
  await initClassifier();
  let yaml = starterConfig({ dir: DIR, tokens: (k) => `cs_${k}_test_${Math.random().toString(36).slice(2)}xxxxxxxx` }).yaml;
  if (opts.limits) yaml = yaml.replace(/\nlimits:[\s\S]*$/, `\nlimits:\n${opts.limits}\n`);
  if (opts.edit) yaml = opts.edit(yaml);
  const config = parseConfig(yaml, '<test>');
  const clock = { t: 1_800_000_000_000, now() { return this.t; } };
  const store = opts.store ?? (await openSqliteStore({ path: ':memory:', clock }));
  const engine = createEngine({ config, store, clock, publicUrl: 'http://cs.test', sweepMs: 0 });
  const agent = engine.agents()[0]!;
  const human = (id: string): Human => {
    const p = engine.principal(id);
    if (!p || p.kind !== 'human') throw new Error(`no human ${id}`);
    return p;
  };
  return { engine, store, clock, config, agent, human };
}

/** A Terraform plan (as `terraform show -json` writes it) with one resource change. */
export function plan(address: string, actions: string[]): unknown {
  const [type, name] = address.split('.').slice(-2);
  return {
    format_version: '1.2',
    terraform_version: '1.11.0',
    resource_changes: [{ address, mode: 'managed', type, name, change: { actions, before: {}, after: {} } }],
  };
}

export async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return 'ok';
  } catch (err) {
    return (err as { code?: string }).code ?? String(err);
  }
}
