// The audit timeline: every entry, newest first, filterable by agent, target, decision and time;
// whether the hash chain verifies; and the whole log as JSONL.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { api, downloadExport } from '../api';
import { errorText } from '../app';
import { describeEntry, indexEntries, matches, type Filters } from '../audit-index';
import { useLiveEvent } from '../live';
import { Link } from '../router';
import { useNow, when } from '../time';
import type { AuditEntry, ChainReport } from '../types';

const PAGE = 1000;
const MAX = 50_000;

export function AuditPage() {
  const [entries, setEntries] = useState<AuditEntry[]>([]);
  const [chain, setChain] = useState<ChainReport | null>(null);
  const [error, setError] = useState('');
  const [f, setF] = useState<Filters>({ agent: '', target: '', decision: '', since: '' });
  const now = useNow(10_000);
  const loading = useRef(false);
  const next = useRef(1);

  const loadMore = useCallback(async () => {
    if (loading.current) return;
    loading.current = true;
    try {
      for (;;) {
        const page = await api<{ entries: AuditEntry[] }>(`/v1/audit?from=${next.current}&limit=${PAGE}`);
        if (page.entries.length) {
          next.current = page.entries[page.entries.length - 1]!.seq + 1;
          setEntries((x) => [...x, ...page.entries].slice(-MAX));
        }
        if (page.entries.length < PAGE) break;
      }
    } catch (e) {
      setError(errorText(e));
    } finally {
      loading.current = false;
    }
  }, []);
  const verify = useCallback(() => {
    setChain(null);
    api<ChainReport>('/v1/audit/verify').then(setChain, (e) => setError(errorText(e)));
  }, []);
  useEffect(() => {
    void loadMore();
    verify();
  }, [loadMore, verify]);
  useLiveEvent('audit', () => void loadMore());
  useLiveEvent('resync', () => void loadMore());

  const index = useMemo(() => indexEntries(entries), [entries]);
  const infos = [...index.values()];
  const agents = [...new Set(infos.map((i) => i.agent).filter((a): a is string => Boolean(a)))].sort();
  const targets = [...new Set(infos.map((i) => i.target))].sort();
  const shown = entries.filter((e) => matches(e, typeof e.body['request'] === 'string' ? index.get(e.body['request']) : undefined, f, now)).reverse();
  const select = (key: keyof Filters, label: string, options: [string, string][]) => (
    <div className="field">
      <label htmlFor={`f-${key}`}>{label}</label>
      <select id={`f-${key}`} value={f[key]} onChange={(e) => setF({ ...f, [key]: e.target.value })}>
        <option value="">all</option>
        {options.map(([v, t]) => (
          <option key={v} value={v}>
            {t}
          </option>
        ))}
      </select>
    </div>
  );
  return (
    <>
      <h1>Audit log</h1>
      <div className={chain ? (chain.ok ? 'chain ok' : 'chain broken') : 'chain'} role="status">
        {!chain
          ? 'Verifying the hash chain…'
          : chain.ok
            ? `Chain verified: ${chain.entries} entries, head #${chain.head?.seq ?? 0} ${chain.head?.hash.slice(0, 16) ?? ''}…`
            : `CHAIN BROKEN at entry ${chain.broken?.seq}: ${chain.broken?.reason}. The log was changed after it was written.`}
        <span className="buttons">
          <button type="button" onClick={verify}>
            Verify again
          </button>
          <button type="button" onClick={() => downloadExport().catch((e) => setError(errorText(e)))}>
            Export (JSONL)
          </button>
        </span>
      </div>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <form className="filters" aria-label="Filter the audit log" onSubmit={(e) => e.preventDefault()}>
        {select('agent', 'Agent', agents.map((a) => [a, a]))}
        {select('target', 'Target', targets.map((t) => [t, t]))}
        {select('decision', 'Decision', ['allowed', 'denied', 'pending', 'approved', 'rejected', 'expired', 'used'].map((d) => [d, d]))}
        {select('since', 'Time', [
          ['15m', 'last 15 minutes'],
          ['1h', 'last hour'],
          ['24h', 'last 24 hours'],
          ['7d', 'last 7 days'],
        ])}
      </form>
      <p className="muted small">
        Showing {shown.length} of {entries.length} entries.
      </p>
      <ol className="timeline">
        {shown.map((e) => {
          const req = typeof e.body['request'] === 'string' ? e.body['request'] : null;
          return (
            <li key={e.seq} className={`t-${e.type.replace(/\W/g, '-')}${typeof e.body['status'] === 'string' ? ` s-${e.body['status']}` : ''}`}>
              <span className="seq mono">#{e.seq}</span> <time dateTime={new Date(e.at).toISOString()}>{when(e.at)}</time> <strong>{e.type}</strong>{' '}
              <span>{describeEntry(e)}</span>{' '}
              {req && (
                <Link href={`/requests/${encodeURIComponent(req)}`} className="mono small">
                  {req}
                </Link>
              )}
            </li>
          );
        })}
      </ol>
    </>
  );
}
