// Agents: each one's operator, recent actions, submissions this minute and breaker; and the global
// freeze switch (admins only; everyone sees its state).
import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import { api } from '../api';
import { errorText, type Me } from '../app';
import { useLiveEvent } from '../live';
import { Link } from '../router';
import { clock, duration, useNow, when } from '../time';
import type { AgentRow, FreezeState } from '../types';
import { headline } from '../words';
import { EnvBadge, RiskBadge, StatusBadge } from '../parts/badges';

export function AgentsPage({ me, freeze, onFreeze }: { me: Me; freeze: FreezeState; onFreeze(s: FreezeState): void }) {
  const [agents, setAgents] = useState<AgentRow[] | null>(null);
  const [error, setError] = useState('');
  const now = useNow();
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const load = useCallback(() => {
    api<{ agents: AgentRow[] }>('/v1/agents').then((r) => setAgents(r.agents), (e) => setError(errorText(e)));
  }, []);
  useEffect(() => {
    load();
    const t = setInterval(load, 15_000);
    return () => clearInterval(t);
  }, [load]);
  useLiveEvent('resync', load);
  // A burst of requests reloads once, not once per request.
  useLiveEvent('request', () => {
    clearTimeout(timer.current);
    timer.current = setTimeout(load, 300);
  });
  return (
    <>
      <h1>Agents</h1>
      <FreezeSwitch me={me} freeze={freeze} onFreeze={onFreeze} />
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {agents === null && !error && <p aria-busy="true">Loading…</p>}
      {agents?.map((a) => (
        <section key={a.id} className="card agent" aria-labelledby={`agent-${a.id}`}>
          <h2 id={`agent-${a.id}`}>{a.id}</h2>
          <dl className="facts">
            <div>
              <dt>Operator</dt>
              <dd>{a.operator}</dd>
            </div>
            <div>
              <dt>This minute</dt>
              <dd>{a.ratePerMinute} actions</dd>
            </div>
            <div>
              <dt>Breaker</dt>
              <dd className={a.breaker.open ? 'urgent' : ''}>
                {a.breaker.open ? `OPEN for ${clock((a.breaker.until ?? now) - now)}: ${a.breaker.reason ?? ''}` : 'closed (normal)'}
              </dd>
            </div>
          </dl>
          <h3>Recent actions</h3>
          {a.recent.length === 0 ? (
            <p className="muted">None yet.</p>
          ) : (
            <ul className="rows">
              {a.recent.map((r) => (
                <li key={r.id}>
                  <StatusBadge status={r.status} /> <RiskBadge risk={r.risk} /> <EnvBadge env={r.environment} />{' '}
                  <Link href={`/requests/${encodeURIComponent(r.id)}`} className="mono">
                    {headline(r)}
                  </Link>{' '}
                  <span className="muted">{duration(now - r.createdAt)} ago</span>
                </li>
              ))}
            </ul>
          )}
        </section>
      ))}
    </>
  );
}

function FreezeSwitch({ me, freeze, onFreeze }: { me: Me; freeze: FreezeState; onFreeze(s: FreezeState): void }) {
  const [reason, setReason] = useState('');
  const [error, setError] = useState('');
  const admin = me.roles.includes('admin');
  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    if (!reason.trim()) return setError('A reason is required; it goes into the audit log.');
    setError('');
    try {
      onFreeze(await api<FreezeState>(freeze.frozen ? '/v1/thaw' : '/v1/freeze', { method: 'POST', body: { reason } }));
      setReason('');
    } catch (err) {
      setError(errorText(err));
    }
  };
  return (
    <form className={freeze.frozen ? 'freeze on' : 'freeze'} onSubmit={submit} noValidate aria-labelledby="h-freeze">
      <h2 id="h-freeze">Freeze switch</h2>
      <p role="status">
        {freeze.frozen
          ? `Frozen by ${freeze.frozenBy} at ${freeze.frozenAt ? when(freeze.frozenAt) : '?'}: every new action waits for a human.`
          : 'Not frozen. Freezing makes every new action wait for a human, whatever the policy allows.'}
      </p>
      <label htmlFor="freeze-reason">Reason (required)</label>
      <input id="freeze-reason" value={reason} onChange={(e) => setReason(e.target.value)} disabled={!admin} aria-describedby={admin ? undefined : 'freeze-why'} />
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <button type="submit" className={freeze.frozen ? 'approve' : 'reject'} disabled={!admin} aria-describedby={admin ? undefined : 'freeze-why'}>
        {freeze.frozen ? 'Thaw' : 'Freeze everything'}
      </button>
      {!admin && (
        <p id="freeze-why" className="why-not">
          Only an admin may freeze or thaw; you are {me.roles.join(', ')}.
        </p>
      )}
    </form>
  );
}
