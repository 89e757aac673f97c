import type { Risk } from '../types';
import { RISK_HELP, RISK_WORDS, STATUS_WORDS } from '../words';

export function RiskBadge({ risk }: { risk: Risk }) {
  return (
    <span className={`badge risk-${risk}`} title={RISK_HELP[risk]}>
      {RISK_WORDS[risk]}
    </span>
  );
}

export function StatusBadge({ status }: { status: string }) {
  return <span className={`badge status-${status}`}>{STATUS_WORDS[status] ?? status}</span>;
}

export function EnvBadge({ env }: { env: string }) {
  return <span className={env === 'production' ? 'badge env-prod' : 'badge env'}>{env}</span>;
}
