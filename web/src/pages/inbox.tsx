// The inbox: what is waiting for a human, newest first, live over server-sent events; and the
// latest decisions below it.
import { useEffect, useState } from 'react';
import { api } from '../api';
import { errorText, type Me } from '../app';
import { useLiveEvent } from '../live';
import { Link } from '../router';
import { clock, duration, useNow } from '../time';
import type { RequestView } from '../types';
import { actionLine, headline, whyNot } from '../words';
import { EnvBadge, RiskBadge, StatusBadge } from '../parts/badges';

export function Inbox({ me }: { me: Me }) {
  const [pending, setPending] = useState<RequestView[] | null>(null);
  const [recent, setRecent] = useState<RequestView[]>([]);
  const [error, setError] = useState('');
  const now = useNow();
  const [loads, setLoads] = useState(0);
  useLiveEvent('resync', () => setLoads((n) => n + 1));
  useEffect(() => {
    Promise.all([api<{ requests: RequestView[] }>('/v1/requests?status=pending&limit=200'), api<{ requests: RequestView[] }>('/v1/requests?limit=30')]).then(
      ([p, r]) => {
        setPending(p.requests.filter((x) => x.status === 'pending'));
        setRecent(r.requests.filter((x) => x.status !== 'pending'));
      },
      (e) => setError(errorText(e)),
    );
  }, [loads]);
  useLiveEvent<RequestView>('request', (v) => {
    const without = (list: RequestView[]) => list.filter((x) => x.id !== v.id);
    if (v.status === 'pending') setPending((p) => [v, ...without(p ?? [])].sort((a, b) => b.createdAt - a.createdAt));
    else {
      setPending((p) => (p ? without(p) : p));
      setRecent((r) => [v, ...without(r)].slice(0, 30));
    }
  });
  const waiting = (pending ?? []).filter((r) => r.status === 'pending' && (r.expiresAt ?? Infinity) > now);
  return (
    <>
      <h1>
        Waiting for approval <span className="count">({waiting.length})</span>
      </h1>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {pending === null && !error && <p aria-busy="true">Loading…</p>}
      {pending !== null && waiting.length === 0 && <p className="empty">Nothing is waiting. New requests appear here the moment an agent proposes them.</p>}
      <ul className="cards" aria-live="polite" aria-label="Pending requests">
        {waiting.map((r) => (
          <PendingCard key={r.id} r={r} now={now} me={me} />
        ))}
      </ul>
      <h2>Latest decisions</h2>
      {recent.length === 0 ? (
        <p className="empty">None yet.</p>
      ) : (
        <ul className="rows">
          {recent.map((r) => (
            <li key={r.id}>
              <StatusBadge status={r.status} /> <RiskBadge risk={r.risk} /> <EnvBadge env={r.environment} />{' '}
              <Link href={`/requests/${encodeURIComponent(r.id)}`} className="mono">
                {headline(r)}
              </Link>{' '}
              <span className="muted">
                by {r.agent}, {duration(now - r.createdAt)} ago
              </span>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

function PendingCard({ r, now, me }: { r: RequestView; now: number; me: Me }) {
  const need = r.approval;
  const left = (r.expiresAt ?? now) - now;
  return (
    <li className={`card risk-edge-${r.risk}`}>
      <div className="card-head">
        <RiskBadge risk={r.risk} /> <EnvBadge env={r.environment} />
        <Link href={`/requests/${encodeURIComponent(r.id)}`} className="card-title">
          {r.summary || actionLine(r.action)}
        </Link>
      </div>
      <p className="mono small action-line">{actionLine(r.action)}</p>
      <dl className="facts">
        <div>
          <dt>Agent</dt>
          <dd>{r.agent}</dd>
        </div>
        <div>
          <dt>Operator</dt>
          <dd>{r.operator}</dd>
        </div>
        <div>
          <dt>Target</dt>
          <dd>{r.target ?? '(none: default environment)'}</dd>
        </div>
        <div>
          <dt>Waiting</dt>
          <dd>{duration(now - r.createdAt)}</dd>
        </div>
        <div>
          <dt>Approvals</dt>
          <dd>
            {need ? `${need.have} of ${need.count}` : '–'}
            {need && need.roles.length > 0 ? ` (${need.roles.join(' or ')})` : ''}
          </dd>
        </div>
        <div>
          <dt>Expires in</dt>
          <dd className={left < 5 * 60_000 ? 'urgent' : ''}>
            <time dateTime={new Date(r.expiresAt ?? now).toISOString()}>{clock(left)}</time>
          </dd>
        </div>
      </dl>
      {r.viewer && !r.viewer.canApprove && <p className="small muted">{whyNot(r.viewer.why, r, me.id, me.roles)}</p>}
    </li>
  );
}
