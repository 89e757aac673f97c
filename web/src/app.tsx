// The shell: sign-in, the header with navigation and the freeze banner, and the current page.
import { useEffect, useRef, useState } from 'react';
import { api, ApiError, session } from './api';
import { startLive, stopLive, useConnected, useLiveEvent } from './live';
import { Link, parseRoute, usePath } from './router';
import type { FreezeState, Principal } from './types';
import { SignIn } from './pages/sign-in';
import { Inbox } from './pages/inbox';
import { RequestPage } from './pages/request';
import { AuditPage } from './pages/audit';
import { AgentsPage } from './pages/agents';

export type Me = Extract<Principal, { kind: 'human' }>;

export function App() {
  const [me, setMe] = useState<Me | null>(null);
  const [checking, setChecking] = useState(Boolean(session.get()));
  useEffect(() => {
    const t = session.get();
    if (!t) return;
    api<{ principal: Principal }>('/v1/me')
      .then((r) => (r.principal.kind === 'human' ? signedIn(r.principal, t) : signOut()))
      .catch(() => signOut())
      .finally(() => setChecking(false));
  }, []);
  const signedIn = (p: Me, token: string): void => {
    session.set(token);
    startLive(token);
    setMe(p);
  };
  const signOut = (): void => {
    session.clear();
    stopLive();
    setMe(null);
  };
  if (checking) return <p className="loading">Signing in…</p>;
  if (!me) return <SignIn onSignedIn={signedIn} />;
  return <Shell me={me} onSignOut={signOut} />;
}

function Shell({ me, onSignOut }: { me: Me; onSignOut(): void }) {
  const path = usePath();
  const route = parseRoute(path);
  const live = useConnected();
  const [freeze, setFreeze] = useState<FreezeState>({ frozen: false });
  useLiveEvent<FreezeState>('status', setFreeze);
  useEffect(() => {
    api<FreezeState>('/v1/status').then(setFreeze, () => undefined);
  }, []);
  const main = useRef<HTMLElement>(null);
  const first = useRef(true);
  useEffect(() => {
    // Moving focus to the new page tells keyboard and screen-reader users the page changed. Only
    // on navigation: a re-render (the live stream reconnecting) must never take the focus away.
    if (first.current) first.current = false;
    else main.current?.focus();
  }, [path]);
  const here = (p: string) => (route.page === p ? ({ 'aria-current': 'page' } as const) : {});
  return (
    <>
      <a className="skip" href="#main">
        Skip to content
      </a>
      <header className="top">
        <Link href="/" className="brand">
          Countersign
        </Link>
        <nav aria-label="Main">
          <Link href="/" {...here('inbox')}>
            Inbox
          </Link>
          <Link href="/audit" {...here('audit')}>
            Audit
          </Link>
          <Link href="/agents" {...here('agents')}>
            Agents
          </Link>
        </nav>
        <div className="who">
          <span className={live ? 'dot live' : 'dot'} role="status">
            {live ? 'live' : 'reconnecting…'}
          </span>
          <span>
            {me.id} <span className="muted">({me.roles.join(', ')})</span>
          </span>
          <button type="button" className="link" onClick={onSignOut}>
            Sign out
          </button>
        </div>
      </header>
      {freeze.frozen && (
        <div className="frozen" role="alert">
          FROZEN by {freeze.frozenBy}: {freeze.reason}. Every new action waits for a human.
        </div>
      )}
      <main id="main" ref={main} tabIndex={-1}>
        {route.page === 'inbox' && <Inbox me={me} />}
        {route.page === 'request' && <RequestPage id={route.id} me={me} />}
        {route.page === 'audit' && <AuditPage />}
        {route.page === 'agents' && <AgentsPage me={me} freeze={freeze} onFreeze={setFreeze} />}
        {route.page === 'missing' && (
          <>
            <h1>Not found</h1>
            <p>
              There is no page here. <Link href="/">Go to the inbox.</Link>
            </p>
          </>
        )}
      </main>
    </>
  );
}

export function errorText(e: unknown): string {
  return e instanceof ApiError ? `${e.message} (${e.code})` : String(e);
}
