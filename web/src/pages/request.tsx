// One request: the action exactly as it will run, what the classifier found, the plan's change
// table, the rules that decided, the approvals so far, and the decision form.
import { useEffect, useState } from 'react';
import { api } from '../api';
import { errorText, type Me } from '../app';
import { useLiveEvent } from '../live';
import { planBanners, planRows } from '../plan';
import { Link } from '../router';
import { clock, duration, useNow, when } from '../time';
import type { RequestView } from '../types';
import { actionText, RISK_WORDS } from '../words';
import { EnvBadge, RiskBadge, StatusBadge } from '../parts/badges';
import { PlanTable } from '../parts/plan-table';
import { Decide } from '../parts/decide';

export function RequestPage({ id, me }: { id: string; me: Me }) {
  const [r, setR] = useState<RequestView | null>(null);
  const [error, setError] = useState('');
  const now = useNow();
  const [loads, setLoads] = useState(0);
  useLiveEvent('resync', () => setLoads((n) => n + 1));
  useEffect(() => {
    api<RequestView>(`/v1/actions/${encodeURIComponent(id)}`).then(setR, (e) => setError(errorText(e)));
  }, [id, loads]);
  useEffect(() => {
    setR(null);
    setError('');
  }, [id]);
  useLiveEvent<RequestView>('request', (v) => {
    if (v.id === id) setR(v);
  });
  if (error)
    return (
      <>
        <h1>Request {id}</h1>
        <p className="error" role="alert">
          {error}
        </p>
        <Link href="/">Back to the inbox</Link>
      </>
    );
  if (!r) return <p aria-busy="true">Loading…</p>;
  const rows = r.action.kind === 'terraform-plan' ? planRows(r.action['plan']) : [];
  const banners = planBanners(rows, r.environment);
  if (banners.length === 0 && (r.risk === 'destructive' || r.risk === 'unknown')) banners.push(`${RISK_WORDS[r.risk]} in ${r.environment}: ${r.summary}`);
  const pending = r.status === 'pending';
  return (
    <article className="request">
      <p className="crumbs">
        <Link href="/">Inbox</Link> / <span className="mono">{r.id}</span>
      </p>
      <h1>
        <StatusBadge status={r.status} /> {r.agent} {pending ? 'wants' : 'asked'} to run this in <EnvBadge env={r.environment} />
      </h1>
      {banners.map((b) => (
        <p key={b} className="banner" role={pending ? 'alert' : undefined}>
          {b}
        </p>
      ))}
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
          <dt>Risk</dt>
          <dd>
            <RiskBadge risk={r.risk} />
          </dd>
        </div>
        <div>
          <dt>Asked</dt>
          <dd>
            {when(r.createdAt)} ({duration(now - r.createdAt)} ago)
          </dd>
        </div>
        {pending && r.expiresAt !== undefined && (
          <div>
            <dt>Expires in</dt>
            <dd>{clock(r.expiresAt - now)}</dd>
          </div>
        )}
      </dl>

      <section aria-labelledby="h-action">
        <h2 id="h-action">Exactly what will run</h2>
        <pre className="action" tabIndex={0}>
          {actionText(r.action)}
        </pre>
        {r.action.kind === 'terraform-plan' && (
          <>
            <h3>Changes in the plan ({rows.filter((x) => x.kind !== 'no-op').length})</h3>
            <PlanTable rows={rows} />
            <details className="raw">
              <summary>The plan JSON exactly as submitted</summary>
              <pre tabIndex={0}>{JSON.stringify(r.action['plan'], null, 2)}</pre>
            </details>
          </>
        )}
      </section>

      <section aria-labelledby="h-found">
        <h2 id="h-found">What Countersign found</h2>
        <p>{r.report.summary}</p>
        {r.report.findings.length > 0 && (
          <ul className="findings">
            {r.report.findings.map((f, i) => (
              <li key={i}>
                <RiskBadge risk={f.risk} /> {f.explanation}
                {f.target && !f.explanation.includes(f.target) && <span className="mono"> ({f.target})</span>}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="h-policy">
        <h2 id="h-policy">Why the policy decided this</h2>
        <ul>
          {r.decision.reasons.map((x) => (
            <li key={x}>{x}</li>
          ))}
        </ul>
        <p className="small muted">
          Rules: {r.decision.matched.length ? r.decision.matched.map((m) => <code key={m}>{m} </code>) : 'none (environment default)'} · policy{' '}
          <code>{r.decision.policyDigest.slice(0, 12)}</code>
        </p>
      </section>

      <section aria-labelledby="h-approvals">
        <h2 id="h-approvals">
          Approvals {r.approval ? `(${r.approvals.length} of ${r.approval.count}${r.approval.roles.length ? `, ${r.approval.roles.join(' or ')}` : ''})` : ''}
        </h2>
        {r.approvals.length === 0 && !r.rejection && (
          <p className="muted">{r.decision.verdict === 'deny' ? 'None can be given: the policy denies this action outright.' : r.approval ? 'None yet.' : 'None needed: the policy allowed it.'}</p>
        )}
        <ul>
          {r.approvals.map((a) => (
            <li key={a.by + a.at}>
              <strong>{a.by}</strong> ({a.role}){a.kind === 'break-glass' ? ' BROKE THE GLASS' : ' approved'} at {when(a.at)}: “{a.reason}”
            </li>
          ))}
          {r.rejection && (
            <li>
              <strong>{r.rejection.by}</strong> rejected at {when(r.rejection.at)}: “{r.rejection.reason}”
            </li>
          )}
        </ul>
      </section>

      {pending && <Decide r={r} me={me} onDecided={setR} />}
    </article>
  );
}
