// The change table of a Terraform plan: replacements and deletions first, each with why.
import { isEnvironment, type PlanRow } from '../plan';

const KIND_WORDS: Record<PlanRow['kind'], string> = {
  replace: 'REPLACE',
  delete: 'DELETE',
  create: 'create',
  update: 'update in place',
  read: 'read',
  'no-op': 'no change',
  other: 'other',
};

export function PlanTable({ rows }: { rows: PlanRow[] }) {
  if (rows.length === 0) return <p className="muted">The plan lists no resource changes.</p>;
  return (
    <div className="table-wrap">
      <table className="plan">
        <caption className="sr-only">Resource changes in the Terraform plan, destructive ones first</caption>
        <thead>
          <tr>
            <th scope="col">Change</th>
            <th scope="col">Resource</th>
            <th scope="col">Why</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.address} className={`plan-${r.kind}`}>
              <td>
                <span className={`badge kind-${r.kind}`}>{KIND_WORDS[r.kind]}</span>
              </td>
              <td className="mono">
                {r.address}
                {isEnvironment(r) && (r.kind === 'replace' || r.kind === 'delete') && <strong className="env-flag"> — a whole environment</strong>}
              </td>
              <td className="small">
                {r.order && <div>{r.order}</div>}
                {r.because && r.because.length > 0 && <div>forced by a change to {r.because.join(', ')}</div>}
                {r.reason && <div className="muted">{r.reason}</div>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
