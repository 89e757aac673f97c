// Sign in with a human's token. It is kept in this tab's sessionStorage only.
import { useState, type FormEvent } from 'react';
import { api, ApiError } from '../api';
import type { Principal } from '../types';
import type { Me } from '../app';

export function SignIn({ onSignedIn }: { onSignedIn(p: Me, token: string): void }) {
  const [token, setToken] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    const t = token.trim();
    if (!t) return setError('Paste your token first.');
    setBusy(true);
    setError('');
    try {
      const r = await api<{ principal: Principal }>('/v1/me', { token: t });
      if (r.principal.kind !== 'human') setError(`That is the token of agent "${r.principal.id}". Agents never approve: sign in with a person's token.`);
      else onSignedIn(r.principal, t);
    } catch (err) {
      setError(err instanceof ApiError && err.code === 'E_UNAUTHENTICATED' ? 'That token is not known to this server. Check it and try again.' : String((err as Error).message));
    } finally {
      setBusy(false);
    }
  };
  return (
    <main id="main" className="signin">
      <h1>Countersign</h1>
      <p>Approve or reject what AI agents want to do. Sign in with your token (from `countersign init` or `countersign demo`).</p>
      <form onSubmit={submit} noValidate>
        <label htmlFor="token">Your token</label>
        <input id="token" name="token" type="password" autoComplete="off" spellCheck={false} value={token} onChange={(e) => setToken(e.target.value)} aria-describedby={error ? 'signin-error' : 'token-help'} aria-invalid={Boolean(error)} />
        <p id="token-help" className="muted small">
          Kept in this browser tab only; closing the tab signs you out.
        </p>
        {error && (
          <p id="signin-error" className="error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </main>
  );
}
