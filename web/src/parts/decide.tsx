// Approve or reject, with a required reason. The approve button is disabled, with the reason said
// next to it, when the server says this person may not approve (viewer.canApprove/why).
import { useState, type FormEvent } from 'react';
import { api } from '../api';
import { errorText, type Me } from '../app';
import type { RequestView } from '../types';
import { whyNot } from '../words';

export function Decide({ r, me, onDecided }: { r: RequestView; me: Me; onDecided(v: RequestView): void }) {
  const [reason, setReason] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const can = r.viewer?.canApprove === true;
  const why = can ? '' : whyNot(r.viewer?.why, r, me.id, me.roles);
  const decide = async (verb: 'approve' | 'reject', e?: FormEvent): Promise<void> => {
    e?.preventDefault();
    if (!reason.trim()) {
      setError(`Say why you ${verb} this: a reason is required, and it goes into the audit log.`);
      return;
    }
    setBusy(true);
    setError('');
    try {
      onDecided(await api<RequestView>(`/v1/actions/${encodeURIComponent(r.id)}/${verb}`, { method: 'POST', body: { reason } }));
      setReason('');
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="decide" onSubmit={(e) => decide(can ? 'approve' : 'reject', e)} noValidate>
      <h2>Your decision</h2>
      <label htmlFor="reason">Reason (required)</label>
      <textarea id="reason" rows={3} value={reason} onChange={(e) => setReason(e.target.value)} required aria-required="true" aria-describedby={error ? 'decide-error' : undefined} placeholder="e.g. checked the snapshot exists and the maintenance window is open" />
      {error && (
        <p id="decide-error" className="error" role="alert">
          {error}
        </p>
      )}
      <div className="buttons">
        <button type="button" className="approve" disabled={!can || busy} aria-describedby={can ? undefined : 'why-not'} onClick={() => decide('approve')}>
          Approve
        </button>
        <button type="button" className="reject" disabled={busy} onClick={() => decide('reject')}>
          Reject
        </button>
      </div>
      {!can && (
        <p id="why-not" className="why-not">
          You cannot approve: {why}
        </p>
      )}
    </form>
  );
}
