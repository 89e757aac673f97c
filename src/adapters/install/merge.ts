// Merging Countersign's hook into a host's existing configuration: everything that is not ours is
// kept as it was; ours is replaced in place, so running init twice changes nothing the second time.

export type Json = Record<string, unknown>;

const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A handler is ours when it runs `countersign ... hook <host>` or posts to our http hook. */
export function isOurs(host: string, h: unknown): boolean {
  if (!isObj(h)) return false;
  const cmd = typeof h['command'] === 'string' ? h['command'] : '';
  const url = typeof h['url'] === 'string' ? h['url'] : '';
  return (/countersign/.test(cmd) && new RegExp(`\\bhook ${host}\\b`).test(cmd)) || url.endsWith(`/v1/hooks/${host}`);
}

export function section(cfg: Json, key: string): Json {
  if (cfg[key] === undefined) cfg[key] = {};
  const s = cfg[key];
  if (!isObj(s)) throw new Error(`"${key}" is not a JSON object`);
  return s;
}

function list(hooks: Json, event: string): unknown[] {
  if (hooks[event] === undefined) hooks[event] = [];
  const l = hooks[event];
  if (!Array.isArray(l)) throw new Error(`"hooks.${event}" is not a list`);
  return l;
}

/** Claude Code, Gemini and Codex: `{hooks: {Event: [{matcher, hooks: [handler]}]}}`. */
export function upsertNested(hooks: Json, event: string, matcher: string, handler: Json, host: string): void {
  const groups = list(hooks, event).filter(isObj).filter((g) => Array.isArray(g['hooks'])) as { matcher?: unknown; hooks: unknown[] }[];
  // Replace in place where ours already sits under our matcher, so a second run changes nothing.
  let placed = false;
  const home = groups.find((g) => g.matcher === matcher && g.hooks.some((h) => isOurs(host, h)));
  if (home) {
    home.hooks[home.hooks.findIndex((h) => isOurs(host, h))] = handler;
    placed = true;
  }
  const all = list(hooks, event);
  for (let i = all.length - 1; i >= 0; i--) {
    const g = all[i];
    if (!isObj(g) || !Array.isArray(g['hooks'])) continue;
    const rest = g['hooks'].filter((h) => h === handler || !isOurs(host, h));
    if (rest.length === g['hooks'].length) continue;
    if (rest.length === 0) all.splice(i, 1);
    else g['hooks'] = rest;
  }
  if (placed) return;
  const target = all.find((g) => isObj(g) && g['matcher'] === matcher && Array.isArray(g['hooks'])) as { hooks: unknown[] } | undefined;
  if (target) target.hooks.push(handler);
  else all.push({ matcher, hooks: [handler] });
}

/** Cursor and Kiro: `{hooks: {event: [{command, matcher?, ...}]}}`; ours are replaced by `entries`. */
export function upsertFlat(hooks: Json, event: string, entries: Json[], host: string): void {
  const l = list(hooks, event);
  const first = l.findIndex((h) => isOurs(host, h));
  const rest = l.filter((h) => !isOurs(host, h));
  const at = first < 0 ? rest.length : first;
  rest.splice(at, 0, ...entries);
  hooks[event] = rest;
}

/** Our handlers, wherever they are in a config (for doctor and for reporting). */
export function findOurs(host: string, cfg: unknown): Json[] {
  const out: Json[] = [];
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (isObj(v)) {
      if (isOurs(host, v)) out.push(v);
      else Object.values(v).forEach(walk);
    }
  };
  walk(cfg);
  return out;
}
