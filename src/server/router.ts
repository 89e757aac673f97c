// A small method + path router. Paths are literal segments with `:name` parameters.
import type { IncomingMessage, ServerResponse } from 'node:http';

export type RouteCtx = { req: IncomingMessage; res: ServerResponse; url: URL; params: Record<string, string> };
export type Handler = (c: RouteCtx) => Promise<void>;
type Route = { method: string; parts: string[]; handler: Handler };

export class Router {
  private routes: Route[] = [];

  add(method: string, path: string, handler: Handler): this {
    this.routes.push({ method, parts: path.split('/').filter(Boolean), handler });
    return this;
  }

  /** The handler and its parameters, `'method'` when the path exists with another method, or null. */
  match(method: string, pathname: string): { handler: Handler; params: Record<string, string> } | 'method' | null {
    const segs = pathname.split('/').filter(Boolean);
    let pathMatched = false;
    for (const r of this.routes) {
      if (r.parts.length !== segs.length) continue;
      const params: Record<string, string> = {};
      let ok = true;
      for (let i = 0; i < segs.length && ok; i++) {
        const p = r.parts[i]!;
        let s: string;
        try {
          s = decodeURIComponent(segs[i]!);
        } catch {
          ok = false;
          break;
        }
        if (p.startsWith(':')) params[p.slice(1)] = s;
        else ok = p === s;
      }
      if (!ok) continue;
      if (r.method !== method && !(method === 'HEAD' && r.method === 'GET')) {
        pathMatched = true;
        continue;
      }
      return { handler: r.handler, params };
    }
    return pathMatched ? 'method' : null;
  }
}
